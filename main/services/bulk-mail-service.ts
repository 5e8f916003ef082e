/**
 * Bulk verification mails (SPEC §6): a persistent job that sends to hundreds of employees
 * through a pooled connection, paced to the configured limit, retrying temporary failures,
 * reporting permanent ones per row, and surviving a crash without sending anyone twice.
 * Each row's link and 認証待ち are committed with its claim, before its mail leaves (in the
 * shared commits of the group): a mail that reaches the server always carries a working link.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { BulkMailPreview, BulkMailStatus } from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import { fullName } from '../../preload/domain-types';
import {
  claimNextItem, countAttempt, countJobItems, failPendingItems, finishJob, hasPendingItem, insertJob, insertJobItems, jobExists,
  markJobStored, removeUnstoredJobs, selectJobItemsAfter, selectLatestJobId, selectUnfinishedJobIds, setItemState, setItemsSent, settleInterruptedItems, type JobItem, type JobItemRow,
} from '../../db/queries/bulk-mail';
import { factsOf, type BulkMailEmployeeRow } from '../../db/queries/employee-columns';
import { selectBulkMailEmployee, selectBulkMailEmployees } from '../../db/queries/employees';
import { lastVerificationMailUncertain } from '../../db/queries/mail';
import { countJobBounces, selectJobBounces } from '../../db/queries/mail-bounces';
import { addressKey } from './domain/addresses';
import { isBulkIssuable, isBulkMailable } from './domain/status';
import type { MailVerificationService, VerificationMailContext, VerificationMailReservation } from './mail-verification-service';
import { MailSendError, type MailSender } from './mail/mail-sender';
import { JobTally } from './mail/job-tally';
import { SendPacer } from './mail/send-pacer';
import { explainSendFailure, type SmtpService } from './smtp-service';
import { AppError } from './support/errors';
import { checkpoint } from './support/checkpoints';
import { TransactionBatcher, type WalRewind } from './support/transaction-batcher';
import { inPieces, TurnTaker, yieldToTheLoop } from './support/yield-to-the-loop';
import type { Clock } from './support/clock';
import type { EventBus } from './support/event-bus';
import type { Logger } from './support/logger';

/** Connections kept open for a batch. */
export const BULK_CONNECTIONS = 3;
/**
 * Rows in flight at once (claimed, not yet committed): enough that each connection always has
 * mails queued while other rows wait for their shared commit. Measured at 10,000 mails against
 * raw nodemailer in the same run: 32 rows with a 15 ms commit reached 0.79–0.85×, 64 rows with a
 * 30 ms commit 0.91–0.93× (half the commits, 1.47 → 0.98 WAL pages a mail). It also bounds the
 * rows a crash leaves 「送信済みか確認できません」.
 */
export const BULK_WORKERS = 64;
/** Up to this many mails a minute (one every 200 ms or slower) a single worker keeps the pace. */
const PACED_ONE_AT_A_TIME = 300;
/**
 * Accepted mails (and the claims of the next rows) are committed together at most this often;
 * with BULK_WORKERS rows in flight the connections stay busy while a row waits this long.
 */
const COMMIT_EVERY_MS = 30;
/** Rows of a job read at once for its status. */
const STATUS_PAGE = 500;
/** The progress line is refreshed at most this often. */
const PROGRESS_EVERY_MS = 100;
/** Attempts per mail when the server answers 4xx or the connection drops. */
export const BULK_MAX_ATTEMPTS = 3;
const backoffMs = (attempt: number) => 1_000 * 2 ** (attempt - 1);

export interface BulkMailDeps {
  db: Database;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  smtp: SmtpService;
  verification: MailVerificationService;
  /** waits in real time; tests pass one that moves their fake clock instead */
  wait: (ms: number) => Promise<void>;
  /** keeps the WAL short while the job's commits stream in (the app's checkpointer) */
  wal?: WalRewind;
}

export class BulkMailService {
  private readonly running = new Map<string, Promise<void>>();
  /** the running jobs' rows per state, for the progress line */
  private readonly tallies = new Map<string, JobTally>();
  /** the last unpaced batches here: seconds until the first mail was accepted, then mails per second */
  private measured: { setupSeconds: number; rate: number } | null = null;
  /** when the running batch's first mail was accepted (performance.now()) */
  private firstAcceptAt: number | null = null;
  private lastProgressAt = 0;
  private stopping = false;
  /** a start() reading its rows: a second start is refused meanwhile, as while a job runs */
  private starting = false;
  private stopWaiting: () => void = () => {};
  private readonly stopped = new Promise<void>((resolve) => (this.stopWaiting = resolve));

  private readonly batcher: TransactionBatcher;
  /** accepted rows waiting for the next shared commit (acceptedInNextCommit) */
  private accepted: AcceptedGroup | null = null;

  constructor(private readonly deps: BulkMailDeps) {
    this.batcher = new TransactionBatcher(deps.db, COMMIT_EVERY_MS, deps.wal);
  }

  /** At shutdown: no new row is claimed; rows not yet sent stay pending for 「再開」. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stopWaiting();
    await Promise.all(this.running.values());
  }

  /** A pause that ends early when the app shuts down. */
  private sleep(ms: number): Promise<void> {
    return Promise.race([this.deps.wait(ms), this.stopped]);
  }

  /**
   * 「パスワード一括発行」 (mail): the selected rows, their addresses, and repeats within the batch. Read a
   * piece at a time (one statement per piece), the loop turning between pieces: 10,000 rows never
   * hold up the LAN pages.
   */
  async preview(ids: readonly number[]): Promise<BulkMailPreview> {
    const rows: BulkMailPreview['rows'] = [];
    const turns = new TurnTaker();
    for (const r of await this.readEmployees([...new Set(ids)])) {
      if (turns.due()) await turns.pass();
      const addresses = ([1, 2, 3] as const).flatMap((slot) => (r[`email${slot}`] ? [{ slot, address: r[`email${slot}`]! }] : []));
      const issuable = isBulkIssuable(factsOf(r));
      const uncertain = !issuable && isBulkMailable(factsOf(r), () => lastVerificationMailUncertain(this.deps.db, r.id));
      const eligible = issuable || uncertain;
      const note = uncertain ? ja.bulkMail.uncertainRow
        : eligible ? '' : ja.bulkMail.notEligible(ja.status.password[r.password_status], ja.status.verification[r.verification]);
      rows.push({
        employeeId: r.id, loginId: r.login_id, name: fullName(r.last_name, r.first_name), recorderEnabled: r.recorder_enabled === 1,
        password: r.password_status, verification: r.verification, addresses, eligible, uncertain, note,
      });
    }
    const holders = new Map<string, { address: string; employeeIds: Set<number> }>();
    for (const row of rows) {
      for (const { address } of row.addresses) {
        const entry = holders.get(addressKey(address)) ?? { address, employeeIds: new Set<number>() };
        entry.employeeIds.add(row.employeeId);
        holders.set(addressKey(address), entry);
      }
    }
    const duplicates = [...holders.values()].filter((h) => h.employeeIds.size > 1)
      .map((h) => ({ address: h.address, employeeIds: [...h.employeeIds] }));
    return { rows, duplicates, estimateSecondsPerMail: this.secondsFor(1) };
  }

  /** The employees of `ids` that exist, in the order asked, read a piece at a time. */
  private async readEmployees(ids: readonly number[]): Promise<BulkMailEmployeeRow[]> {
    const now = this.deps.clock.now();
    const out: BulkMailEmployeeRow[] = [];
    for await (const piece of inPieces(ids)) {
      const found = new Map(selectBulkMailEmployees(this.deps.db, piece, now).map((r) => [r.id, r]));
      for (const id of piece) {
        const r = found.get(id);
        if (r) out.push(r);
      }
    }
    return out;
  }

  /** Roughly how long `count` mails take: the measured pace of this machine and server, and the limit. */
  estimateSeconds(count: number): number {
    return this.secondsFor(count);
  }

  /**
   * 「認証要求メール送信 N」: the job is stored first, then runs in the background. One job at a
   * time (a second start, from another tab, is refused); an employee listed twice is sent to once.
   * The rows are read, then stored, a piece at a time; the job counts only once its last row is in,
   * so a crash leaves the whole job or none.
   */
  async start(requested: readonly { id: number; slot: 1 | 2 | 3 }[]): Promise<BulkMailStatus> {
    if (this.running.size > 0 || this.starting) throw new AppError('CONFLICT', ja.bulkMail.alreadyRunning);
    this.starting = true;
    let jobId: string;
    let count: number;
    try {
      const seen = new Set<number>();
      const items = requested.filter(({ id }) => !seen.has(id) && seen.add(id));
      count = items.length;
      const rows = new Map((await this.readEmployees(items.map((i) => i.id))).map((r) => [r.id, r]));
      const planned: JobItem[] = [];
      const turns = new TurnTaker();
      for (const { id, slot } of items) {
        if (turns.due()) await turns.pass();
        planned.push(this.jobItem(id, slot, rows.get(id)));
      }
      jobId = randomBytes(16).toString('base64url');
      await this.store(jobId, planned);
    } finally {
      this.starting = false;
    }
    this.deps.logger.info('bulk mail job started', { jobId, count });
    this.launch(jobId);
    return this.status(jobId);
  }

  /**
   * The job's rows a piece at a time, each piece a transaction of one statement, then the job marked
   * stored. Should the database refuse a piece, what was stored is removed (or, failing that, at the
   * next start) and the error goes up: no job was started.
   */
  private async store(jobId: string, planned: readonly JobItem[]): Promise<void> {
    const { db, clock } = this.deps;
    try {
      insertJob(db, jobId, clock.now());
      let position = 0;
      for await (const piece of inPieces(planned)) {
        const json = JSON.stringify(piece);
        db.transaction(() => insertJobItems(db, jobId, position, json)).immediate();
        position += piece.length;
        checkpoint('bulkMail.storingRows');
      }
      markJobStored(db, jobId);
    } catch (e) {
      try {
        removeUnstoredJobs(db, jobId);
      } catch {
        // removed at the next start (recoverInterrupted)
      }
      throw e;
    }
  }

  /** A row of a new job: pending, or 対象外 with the reason. */
  private jobItem(id: number, slot: 1 | 2 | 3, row: BulkMailEmployeeRow | undefined): JobItem {
    // deleted (by another tab, after this one's preview): the row refers to no employee, as a deletion leaves it
    if (!row) return { employeeId: null, loginId: '', name: '', address: '', state: 'excluded', note: ja.issue.notFound };
    const address = row[`email${slot}`];
    const base = { employeeId: id, loginId: row.login_id, name: fullName(row.last_name, row.first_name), address: address ?? '' };
    if (!isBulkMailable(factsOf(row), () => lastVerificationMailUncertain(this.deps.db, id))) {
      return { ...base, state: 'excluded', note: ja.bulkMail.notEligible(ja.status.password[row.password_status], ja.status.verification[row.verification]) };
    }
    if (!address) return { ...base, state: 'excluded', note: ja.bulkMail.noAddress };
    return { ...base, state: 'pending', note: '' };
  }

  /** Runs the rows of an interrupted job that were never sent. */
  resume(jobId: string): Promise<BulkMailStatus> {
    if (!jobExists(this.deps.db, jobId)) throw new AppError('NOT_FOUND', ja.bulkMail.jobNotFound);
    if (this.running.size > 0 && !this.running.has(jobId)) throw new AppError('CONFLICT', ja.bulkMail.alreadyRunning);
    this.launch(jobId);
    return this.status(jobId);
  }

  /** The job with every row, read a page at a time (a job of 10,000 rows in one read held the loop 100 ms and more). */
  async status(jobId: string): Promise<BulkMailStatus> {
    const { db } = this.deps;
    if (!jobExists(db, jobId)) throw new AppError('NOT_FOUND', ja.bulkMail.jobNotFound);
    // reports found in the mailbox since (送信エラーの確認): a row 送信成功 whose mail came back says so
    const bounces = selectJobBounces(db, jobId);
    const rows: BulkMailStatus['rows'] = [];
    // counted from the rows as read, so that the figures and the list agree while the job runs
    const c: Record<JobItemRow['state'], number> = { pending: 0, sending: 0, sent: 0, failed: 0, excluded: 0, uncertain: 0 };
    for (let after = -1; ;) {
      const page = selectJobItemsAfter(db, jobId, after, STATUS_PAGE);
      for (const i of page) {
        c[i.state]++;
        const b = i.employeeId === null ? undefined : bounces.get(i.employeeId);
        rows.push({
          employeeId: i.employeeId, loginId: i.loginId, name: i.name, address: i.address, state: i.state, note: i.note,
          bounce: b && i.state !== 'failed' && i.state !== 'excluded' ? { kind: 'failed' as const, ...b } : null,
        });
      }
      if (page.length < STATUS_PAGE) break;
      after = page[page.length - 1]!.position;
      await yieldToTheLoop();
    }
    const pending = c.pending + c.sending;
    return {
      jobId, total: rows.length, sent: c.sent, failed: c.failed, excluded: c.excluded, uncertain: c.uncertain, pending,
      running: this.running.has(jobId),
      remainingSeconds: pending > 0 ? this.secondsFor(pending) : 0,
      bounced: bounces.size,
      rows,
    };
  }

  async latest(): Promise<BulkMailStatus | null> {
    const id = selectLatestJobId(this.deps.db);
    return id ? this.status(id) : null;
  }

  /** At start-up: rows caught mid-send by a crash are 'uncertain' (their links work); their jobs wait for 「再開」. */
  recoverInterrupted(): void {
    const half = removeUnstoredJobs(this.deps.db);
    if (half > 0) this.deps.logger.warn('bulk mail jobs stored only in part were removed', { count: half });
    for (const jobId of selectUnfinishedJobIds(this.deps.db)) {
      const n = settleInterruptedItems(this.deps.db, jobId, ja.bulkMail.interrupted);
      if (n > 0) this.deps.logger.warn('bulk mail rows interrupted by a crash', { jobId, count: n });
    }
  }

  /** Resolves when every running job has finished (for tests). */
  async idle(): Promise<void> {
    await Promise.all(this.running.values());
  }

  private launch(jobId: string): void {
    if (this.running.has(jobId) || this.stopping) return;
    const run = this.run(jobId).finally(() => {
      this.running.delete(jobId);
      this.progress(jobId, true);
    });
    this.running.set(jobId, run);
  }

  private async run(jobId: string): Promise<void> {
    const { db, clock, smtp } = this.deps;
    let sender: MailSender;
    try {
      // OAuth 2.0: a token first, so a refused client fails the job here, before any row is claimed
      await smtp.readyForBatch();
      sender = smtp.batchSender(BULK_CONNECTIONS);
    } catch (e) {
      this.failRemaining(jobId, explainSendFailure(e, smtp.answerContext()).message);
      return;
    }
    const pacer = new SendPacer(smtp.ratePerMinute(), clock);
    const started = performance.now();
    const stored = countJobItems(db, jobId);
    const tally = new JobTally(stored);
    this.tallies.set(jobId, tally);
    this.firstAcceptAt = null;
    try {
      // Under a tight limit one row at a time keeps pace; more workers would only book slots and wait.
      const workers = smtp.ratePerMinute() > 0 && smtp.ratePerMinute() <= PACED_ONE_AT_A_TIME ? 1 : BULK_WORKERS;
      const context = this.deps.verification.mailContext(); // the settings as the batch starts
      // A worker that fails (the database refusing a claim) stops the others claiming, and the run ends once
      // every row on its way has its outcome: nothing about the job changes after it has ended.
      const halted = { yes: false };
      const ended = await Promise.allSettled(Array.from({ length: workers }, () => this.worker(jobId, sender, pacer, context, tally, halted)
        .catch((e: unknown) => {
          halted.yes = true;
          throw e;
        })));
      const failed = ended.find((w) => w.status === 'rejected');
      if (failed) throw failed.reason;
      this.learnPace(tally.get().sent - stored.sent, started, performance.now());
    } finally {
      this.tallies.delete(jobId);
      sender.close();
      this.reportUnrecorded(jobId);
      if (!hasPendingItem(db, jobId)) finishJob(db, jobId, clock.now());
      this.deps.events.emit('employeesChanged', { reason: 'bulkMail' });
    }
  }

  /**
   * One row in flight at a time: claim (the row's link and 認証待ち stored with it), send, then
   * queue the row's outcome and the next claim together, so they share one commit with the other
   * workers' rows.
   */
  private async worker(
    jobId: string, sender: MailSender, pacer: SendPacer, context: VerificationMailContext, tally: JobTally, halted: { yes: boolean },
  ): Promise<void> {
    let settling: Promise<void> = Promise.resolve();
    for (;;) {
      // Under a limit no slot is booked once nothing is left: the job ends with its last mail.
      if (pacer.limited && !hasPendingItem(this.deps.db, jobId)) return settling;
      const wait = pacer.reserve(); // the slot first: a row is claimed only when it can go out at once
      if (wait > 0) await this.sleep(wait);
      // the previous row's outcome was queued just before: both are committed in the same write
      const [claimed] = await Promise.all([this.batcher.run(() => (this.stopping || halted.yes ? NOTHING_CLAIMED : this.claim(jobId, context))), settling]);
      tally.move('pending', 'excluded', claimed.excluded);
      if (claimed.next) tally.move('pending', 'sending');
      this.progress(jobId);
      if (!claimed.next) return;
      const { item, reservation } = claimed.next;
      const outcome = await this.sendRow(jobId, item, reservation, sender);
      settling = this.settle(jobId, item.position, reservation, outcome).then((stored) => {
        if (stored) tally.move('sending', outcome.state);
      });
    }
  }

  /**
   * The next row that can go out, its link and 認証待ち stored (guarded: still eligible, the
   * address still on file, no password on its way to the employee). Rows that cannot are
   * marked 対象外 on the way (`excluded` of them).
   */
  private claim(jobId: string, context: VerificationMailContext): Claimed {
    const { db, clock } = this.deps;
    for (let excluded = 0; ; excluded++) {
      const item = claimNextItem(db, jobId);
      if (!item) return { excluded };
      const row = item.employeeId === null ? undefined : selectBulkMailEmployee(db, item.employeeId, clock.now());
      if (row && isBulkMailable(factsOf(row), () => lastVerificationMailUncertain(db, row.id))) {
        try {
          return { next: { item, reservation: this.deps.verification.reserveVerificationMail(row, item.address, context, jobId) }, excluded };
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
        }
      }
      setItemState(db, jobId, item.position, 'excluded', ja.bulkMail.changedMeanwhile);
    }
  }

  /** Sends one row's mail, retrying temporary failures (with the same link). */
  private async sendRow(jobId: string, item: JobItemRow, reservation: VerificationMailReservation, sender: MailSender): Promise<RowOutcome> {
    for (let attempt = item.attempts; ; attempt++) {
      try {
        await sender.send({ to: reservation.address, ...reservation.mail });
        checkpoint('bulkMail.accepted');
        this.firstAcceptAt ??= performance.now();
        return { state: 'sent' };
      } catch (e) {
        const temporary = e instanceof MailSendError && !e.permanent;
        if (temporary && attempt < BULK_MAX_ATTEMPTS && !this.stopping) {
          await this.sleep(backoffMs(attempt));
          countAttempt(this.deps.db, jobId, item.position);
          continue;
        }
        // fallen silent after taking the message: it may have arrived, and its link works
        const explained = explainSendFailure(e, this.deps.smtp.answerContext());
        if (e instanceof MailSendError && e.mayHaveArrived) return { state: 'uncertain', note: ja.mail.mayHaveArrived(explained.message) };
        return { state: 'failed', note: explained.message };
      }
    }
  }

  /**
   * Stores a row's outcome in the next shared commit: accepted, or refused (its link dies, its
   * state goes back). Resolves with whether it was stored.
   */
  private settle(jobId: string, position: number, reservation: VerificationMailReservation, outcome: RowOutcome): Promise<boolean> {
    const { db, logger, verification } = this.deps;
    const stored = outcome.state === 'sent' ? this.acceptedInNextCommit(jobId, position, reservation) : this.batcher.run(() => {
      if (outcome.state === 'uncertain') verification.markVerificationMailUncertain(reservation, outcome.note);
      else verification.undoVerificationMail(reservation, outcome.note);
      setItemState(db, jobId, position, outcome.state, outcome.note);
    });
    return stored.then(
      () => {
        if (outcome.state === 'sent') logger.info('verification mail sent', { employeeId: reservation.employeeId, jobId });
        return true;
      },
      // the database refused the record: the row stays 'sending', reported uncertain when the run ends (reportUnrecorded)
      (e: unknown) => {
        logger.warn('bulk mail row outcome not stored', { jobId, position, error: String(e) });
        return false;
      },
    );
  }

  /**
   * The accepted rows that wait for the same commit are stored by one item of it, one statement per
   * table for all of them (two statements a commit instead of two a mail). Plain updates by key: they
   * fail only with the database, and then with every other item of the commit.
   */
  private acceptedInNextCommit(jobId: string, position: number, reservation: VerificationMailReservation): Promise<void> {
    if (!this.accepted || this.accepted.jobId !== jobId) {
      const group: AcceptedGroup = { jobId, positions: [], reservations: [], stored: Promise.resolve() };
      group.stored = this.batcher.run(() => {
        if (this.accepted === group) this.accepted = null; // rows accepted from now on go to the next commit
        this.deps.verification.confirmVerificationMails(group.reservations);
        setItemsSent(this.deps.db, jobId, group.positions);
      });
      this.accepted = group;
    }
    this.accepted.positions.push(position);
    this.accepted.reservations.push(reservation);
    return this.accepted.stored;
  }

  /**
   * When a run ends no row is on its way: a row still 'sending' is one whose outcome the database
   * refused to record (its mail may well have left, its link works). It is reported as after a
   * crash, never sent again by itself; should the database still refuse, the next start does it.
   */
  private reportUnrecorded(jobId: string): void {
    try {
      const n = settleInterruptedItems(this.deps.db, jobId, ja.bulkMail.interrupted);
      if (n > 0) this.deps.logger.warn('bulk mail rows whose outcome was not recorded', { jobId, count: n });
    } catch {
      // reported at the next start (recoverInterrupted)
    }
  }

  private failRemaining(jobId: string, note: string): void {
    failPendingItems(this.deps.db, jobId, note);
    finishJob(this.deps.db, jobId, this.deps.clock.now());
  }

  /** A report for a mail of this job was found (送信エラーの確認): the result and the grid's line learn of it. */
  reportProgress(jobId: string): void {
    this.progress(jobId, true);
  }

  /** The progress line: while the job runs, from its tally; forced (its last line, a report found), counted from the rows. */
  private progress(jobId: string, force = false): void {
    const now = performance.now();
    if (!force && now - this.lastProgressAt < PROGRESS_EVERY_MS) return;
    this.lastProgressAt = now;
    const tally = force ? undefined : this.tallies.get(jobId);
    const c = tally ? tally.get() : countJobItems(this.deps.db, jobId);
    this.deps.events.emit('bulkMailProgress', {
      jobId, total: c.pending + c.sending + c.sent + c.failed + c.excluded + c.uncertain, sent: c.sent, failed: c.failed,
      excluded: c.excluded, uncertain: c.uncertain, pending: c.pending + c.sending, running: this.running.has(jobId),
      bounced: countJobBounces(this.deps.db, jobId),
    });
  }

  /**
   * An unpaced batch tells how fast this machine and this server really are: the time to
   * the first accepted mail (connections, TLS, login) and the steady rate after it.
   */
  private learnPace(sent: number, started: number, ended: number): void {
    if (sent < 10 || this.firstAcceptAt === null || this.deps.smtp.ratePerMinute() > 0) return;
    const steady = (ended - this.firstAcceptAt) / 1000;
    if (steady <= 0) return;
    // the latest batch is the best guide: a first, cold batch is slower than the ones after it
    this.measured = { setupSeconds: (this.firstAcceptAt - started) / 1000, rate: (sent - 1) / steady };
  }

  /** The measured pace once known, else one-off sends' pace; never faster than the limit. */
  private secondsFor(count: number): number {
    const perMinute = this.deps.smtp.ratePerMinute();
    const m = this.measured;
    const byThroughput = m !== null
      ? m.setupSeconds + count / m.rate
      : (count * this.deps.smtp.measuredSecondsPerMail()) / BULK_CONNECTIONS;
    const byLimit = perMinute > 0 ? ((count - 1) * 60) / perMinute : 0;
    return Math.max(byThroughput, byLimit);
  }
}

type RowOutcome = { state: 'sent' } | { state: 'failed' | 'uncertain'; note: string };
/** Accepted rows of a job that wait for the next shared commit. */
interface AcceptedGroup { jobId: string; positions: number[]; reservations: VerificationMailReservation[]; stored: Promise<void> }
/** A claim's commit: the row to send next (none: the job has no pending row left, or it stops), and the rows found 対象外 on the way. */
interface Claimed {
  next?: { item: JobItemRow; reservation: VerificationMailReservation };
  excluded: number;
}
const NOTHING_CLAIMED: Claimed = { excluded: 0 };

