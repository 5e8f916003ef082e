/**
 * PDF issuance of passwords and passcodes (SPEC §5). Passwords are made in memory and the notice
 * rendered; nothing is stored at preparation. Before a byte of the notice leaves the process
 * (written to the chosen file, sent to the printer, downloaded) each row's new secret is reserved
 * as pending, guarded by the row version read at preparation: a row another actor changed since
 * is left out (the notice is rendered again without it) and reported 対象外. Once delivered, the
 * secrets are put in force; a failed or cancelled delivery drops them, and the old ones stay.
 * See account-transitions.ts for why a pending secret survives a crash.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type {
  IssueKind, IssueOutcome, IssuePreview, IssueResult, IssueRowResult,
} from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import { factsOf, type EmployeeDbRow } from '../../db/queries/employee-columns';
import { selectIssueCandidates, selectUnissuedPasscodeIds } from '../../db/queries/issuance';
import { readSettings } from '../../db/queries/settings';
import { abandonDelivery, completeDelivery, reserveDelivery, type Refusal } from './account-transitions';
import { generatePasscode } from './credentials/passcode-generator';
import { generatePassword } from './credentials/password-generator';
import { isBulkIssuable } from './domain/status';
import type { NoticeContext } from './pdf/notice-document';
import type { PdfRenderer } from './pdf/pdf-renderer-client';
import { AppError } from './support/errors';
import type { Clock } from './support/clock';
import type { EventBus } from './support/event-bus';
import type { Logger } from './support/logger';
import { checkpoint } from './support/checkpoints';
import { storageFault } from './support/storage-faults';
import { RetryUntilStored } from './support/retry-until-stored';
import type { BulkHasher } from './support/bulk-hasher';
import { inPieces, TurnTaker, YIELD_EVERY } from './support/yield-to-the-loop';
import { formatDateTime } from '../../preload/i18n/format-date-time';
import { fullName } from '../../preload/domain-types';
import { unprintableNames } from './pdf/font-coverage';
import { bulkNoticeFileName, individualNoticeFileName } from './pdf/notice-file-name';

export type IssueScope =
  | { kind: 'password'; mode: 'individual' | 'bulk'; ids: number[] }
  | { kind: 'passcode'; mode: 'individual' | 'bulk'; ids: number[] }
  | { kind: 'passcode'; mode: 'allUnissued' };

export type Delivery = 'delivered' | 'cancelled';

/** A rendered notice waiting for its delivery. Holds plain secrets only in memory, briefly. */
export interface PreparedIssue {
  readonly id: string;
  readonly kind: IssueKind;
  readonly pdf: Buffer;
  readonly fileName: string;
  readonly preview: IssuePreview;
  /** when hashing and rendering finished, from the start of preparation (for the log and the benchmark) */
  readonly timings: { hashMs: number; renderMs: number; totalMs: number };
}

export interface PdfIssuanceDeps {
  db: Database;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  renderer: PdfRenderer;
  /** the notices' hashes, on threads that give way to the LAN */
  hasher: BulkHasher;
  portalUrl: () => string;
  /** where the database lives: tells a full disk from another I/O error */
  dataDir?: string;
}

/**
 * What a notice prints about its employee, and the version read at preparation (it guards the
 * reservation). Only this is kept of the row: 20,000 whole rows held about 40 MB of the main
 * thread's heap through the whole issue (measured), which every full garbage collection walked.
 */
interface NoticeRow { readonly id: number; readonly version: number; readonly loginId: string; readonly code: string; readonly name: string; readonly department: string }

/** One employee's page: who, and their secret. */
interface Planned { row: NoticeRow; readonly secret: string; hash: string }

interface Prepared {
  issue: PreparedIssue;
  planned: Planned[];
  excluded: IssueRowResult[];
  context: NoticeContext;
  mode: IssueScope['mode'];
  /** when it was prepared: a bulk file is named after that moment */
  prepared: number;
  expires: number;
}

const PREPARED_TTL_MS = 10 * 60_000;

export class PdfIssuanceService {
  private readonly prepared = new Map<string, Prepared>();
  private readonly delivering = new Set<string>();
  private readonly results = new Map<string, IssueResult>();
  private readonly waiters = new Map<string, (r: IssueResult) => void>();
  private readonly retry: RetryUntilStored;

  constructor(private readonly deps: PdfIssuanceDeps) {
    this.retry = new RetryUntilStored(deps.logger);
  }

  /** Generates, hashes and renders; stores nothing. Bulk password issue takes only 未発行 rows. */
  async prepare(scope: IssueScope): Promise<PreparedIssue> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const ids = scope.mode === 'allUnissued' ? selectUnissuedPasscodeIds(db) : [...new Set(scope.ids)];
    // each piece's rows are decided on as read, and only what the notice needs is kept of them
    const found = new Set<number>();
    const notIssued: IssueRowResult[] = [];
    const toIssue: { row: NoticeRow; secret: string }[] = [];
    const turns = new TurnTaker();
    for await (const piece of inPieces(ids)) {
      for (const row of selectIssueCandidates(db, piece, now)) {
        if (turns.due()) await turns.pass();
        found.add(row.id);
        const reason = exclusionReason(scope, row);
        if (reason) notIssued.push({ ...rowIdentity(noticeRowOf(row)), outcome: 'excluded', note: reason });
        else toIssue.push({ row: noticeRowOf(row), secret: scope.kind === 'password' ? generatePassword() : generatePasscode() });
      }
    }
    if (scope.mode === 'individual' && found.size === 0) throw new AppError('NOT_FOUND', ja.issue.notFound);
    const excluded: IssueRowResult[] = ids.filter((id) => !found.has(id)).map((id) => ({
      employeeId: id, loginId: '', name: '', outcome: 'excluded' as const, note: ja.issue.notFound,
    }));
    excluded.push(...notIssued);
    if (toIssue.length === 0) throw new AppError('VALIDATION', ja.issue.nothingToIssue);

    this.progress(scope.kind, 0, toIssue.length);
    const started = performance.now();
    const context = this.noticeContext(now);
    // Rendering (its worker thread) and hashing (threads of their own, bulk-hasher.ts) run side by side.
    const rendered = this.render(scope.kind, context, toIssue).then((pdf) => ({ pdf, renderMs: performance.now() - started }));
    rendered.catch(() => undefined); // a renderer that dies while hashing runs is reported below, not as an unhandled rejection
    const hashes = await this.deps.hasher.hashAll(toIssue.map((p) => p.secret), (done) => this.progress(scope.kind, done, toIssue.length)).catch((e: unknown) => {
      this.deps.logger.error('bulk hashing failed', { error: String(e) });
      throw new AppError('INTERNAL', ja.issue.renderFailed);
    });
    const planned: Planned[] = toIssue.map((p, i) => ({ row: p.row, secret: p.secret, hash: hashes[i]! }));
    const hashMs = performance.now() - started;
    const { pdf, renderMs } = await rendered.catch((e: unknown) => {
      this.deps.logger.error('pdf rendering failed', { error: String(e) });
      throw new AppError('INTERNAL', ja.issue.renderFailed);
    });
    this.progress(scope.kind, planned.length, planned.length);
    const timings = { hashMs, renderMs, totalMs: performance.now() - started };
    this.deps.logger.info('pdf notices prepared', { kind: scope.kind, count: planned.length, ...timings });

    const id = randomBytes(32).toString('base64url');
    const fileName = noticeFileName(scope.mode, scope.kind, planned, now);
    // the screen's list, and the names (and 所属) the notice's font cannot print: it warns before anything is delivered
    const shown: IssueRowResult[] = [];
    const warnings = unprintableNames(context.companyName, []);
    for await (const piece of inPieces(planned)) {
      for (const { row } of piece) shown.push({ ...rowIdentity(row), outcome: 'pending', note: '' });
      warnings.push(...unprintableNames('', piece.map(({ row }) => ({ employeeId: row.id, name: row.name, department: row.department }))));
    }
    const preview: IssuePreview = { issueId: id, kind: scope.kind, fileName, pages: planned.length, rows: [...shown, ...excluded], warnings };
    const issue: PreparedIssue = { id, kind: scope.kind, pdf, fileName, preview, timings };
    this.sweep();
    this.prepared.set(id, { issue, planned, excluded, context, mode: scope.mode, prepared: now, expires: now + PREPARED_TTL_MS });
    return issue;
  }

  /**
   * Delivers a prepared issue once: `via` writes, prints or sends the PDF and says whether it
   * arrived. Before that, the secrets are reserved (guarded); after it, they are put in force.
   * The result also reaches awaitResult().
   */
  async deliver(id: string, via: (pdf: Buffer, fileName: string) => Promise<Delivery>): Promise<IssueResult> {
    this.sweep();
    const entry = this.prepared.get(id);
    if (!entry) throw new AppError('NOT_FOUND', ja.issue.expired);
    this.prepared.delete(id);
    this.delivering.add(id);
    let result: IssueResult;
    try {
      result = await this.reserveAndDeliver(entry, via);
    } finally {
      this.delivering.delete(id);
    }
    this.settled(id, result);
    return result;
  }

  private async reserveAndDeliver(entry: Prepared, via: (pdf: Buffer, fileName: string) => Promise<Delivery>): Promise<IssueResult> {
    const { issue } = entry;
    let reserved: Planned[];
    let overtaken: IssueRowResult[];
    try {
      ({ reserved, overtaken } = await this.reserve(entry));
    } catch (e) {
      this.deps.logger.warn('pdf issue could not be reserved', { error: String(e) });
      return this.failed(entry, entry.planned, storageMessage(e, this.deps.dataDir));
    }
    const excluded = [...overtaken, ...entry.excluded];
    if (reserved.length === 0) return summarise(issue.id, issue.kind, excluded);
    checkpoint('pdf.reserved');
    let pdf = issue.pdf;
    let fileName = issue.fileName;
    let outcome: Delivery | Error;
    try {
      // rows another actor took meanwhile are left out of what is delivered (and of the count in its name)
      if (overtaken.length > 0) {
        pdf = await this.render(issue.kind, entry.context, reserved);
        fileName = noticeFileName(entry.mode, issue.kind, reserved, entry.prepared);
      }
      outcome = await via(pdf, fileName);
    } catch (e) {
      outcome = e instanceof Error ? e : new Error(String(e));
    }
    if (outcome !== 'delivered') {
      this.release(issue, reserved);
      const note = outcome === 'cancelled' ? ja.issue.cancelled : outcome instanceof AppError ? outcome.message : ja.issue.deliveryFailed;
      if (outcome instanceof Error) this.deps.logger.warn('pdf delivery failed', { error: outcome.message });
      return this.failed({ ...entry, excluded }, reserved, note);
    }
    checkpoint('pdf.delivered');
    // an employee deleted while the notice was on its way: nothing was put in force for them
    const gone = await this.complete(issue, reserved);
    // the result dialog's rows, a piece at a time: 20,000 of them in one go held the loop for 65 ms
    const rows: IssueRowResult[] = [];
    for await (const piece of inPieces(reserved)) {
      for (const { row } of piece) {
        rows.push(gone.has(row.id)
          ? { ...rowIdentity(row), outcome: 'excluded', note: ja.issue.notFound }
          : { ...rowIdentity(row), outcome: 'success', note: '' });
      }
    }
    return summarise(issue.id, issue.kind, rows.concat(excluded));
  }

  /**
   * Each row's secret reserved as pending, while the row is as it was read at preparation — in
   * pieces, the loop turning between them (each row's reservation stands on its own). Should the
   * database refuse a piece, the ones already reserved are dropped again and the error goes up.
   */
  private async reserve(entry: Prepared): Promise<{ reserved: Planned[]; overtaken: IssueRowResult[] }> {
    const { db, clock } = this.deps;
    const { issue } = entry;
    const reserved: Planned[] = [];
    const overtaken: IssueRowResult[] = [];
    const reservePiece = db.transaction((piece: readonly Planned[]) => {
      const now = clock.now();
      for (const p of piece) {
        const r = reserveDelivery(db, {
          employeeId: p.row.id, kind: issue.kind, deliveryId: issue.id, hash: p.hash, now, expectVersion: p.row.version,
          event: issue.kind === 'password' ? 'pdfIssued' : 'passcodeIssued',
        });
        if (r.ok) reserved.push(p);
        else overtaken.push({ ...rowIdentity(p.row), outcome: 'excluded', note: refusalNote(r.reason) });
      }
    });
    try {
      for await (const piece of inPieces(entry.planned)) reservePiece.immediate(piece);
    } catch (e) {
      this.release(issue, reserved);
      throw e;
    }
    return { reserved, overtaken };
  }

  /**
   * Delivered: the secrets are put in force, a piece at a time (should the database refuse a piece
   * now, it is tried again later — the secrets work meanwhile).
   */
  private async complete(issue: PreparedIssue, reserved: Planned[]): Promise<Set<number>> {
    const { db, clock } = this.deps;
    const gone = new Set<number>();
    const completePiece = db.transaction((piece: readonly Planned[]) => {
      const lost: number[] = [];
      for (const p of piece) if (completeDelivery(db, p.row.id, issue.kind, issue.id, clock.now()) === 'gone') lost.push(p.row.id);
      checkpoint('pdf.completing');
      return lost;
    });
    for await (const piece of inPieces(reserved)) {
      this.retry.run('pdf issue', () => completePiece.immediate(piece).forEach((id) => gone.add(id)));
    }
    checkpoint('pdf.completed');
    this.deps.logger.info('pdf issue committed', { kind: issue.kind, success: reserved.length - gone.size });
    this.deps.events.emit('employeesChanged', { reason: issue.kind === 'password' ? 'passwordIssued' : 'passcodeIssued' });
    return gone;
  }

  /** Not delivered: the reserved secrets are dropped; the ones in force stay. */
  private release(issue: PreparedIssue, reserved: Planned[]): void {
    const { db } = this.deps;
    const releasePiece = db.transaction((piece: readonly Planned[]) => {
      for (const p of piece) abandonDelivery(db, p.row.id, issue.kind, issue.id);
    });
    for (let i = 0; i < reserved.length; i += YIELD_EVERY) {
      const piece = reserved.slice(i, i + YIELD_EVERY);
      this.retry.run('pdf issue not delivered', () => releasePiece.immediate(piece));
    }
  }

  private failed(entry: Prepared, rows: Planned[], note: string): IssueResult {
    this.deps.logger.warn('pdf issue not delivered', { kind: entry.issue.kind, count: rows.length });
    return summarise(entry.issue.id, entry.issue.kind, [
      ...rows.map(({ row }) => ({ ...rowIdentity(row), outcome: 'failure' as const, note })), ...entry.excluded,
    ]);
  }

  /** The result of a delivery made elsewhere (the browser download); gives up after `timeoutMs`. */
  awaitResult(id: string, timeoutMs: number): Promise<IssueResult> {
    const done = this.results.get(id);
    if (done) return Promise.resolve(done);
    // Waiting is fine while the notice is prepared or its bytes are on their way.
    if (!this.prepared.has(id) && !this.delivering.has(id)) return Promise.reject(new AppError('NOT_FOUND', ja.issue.expired));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const entry = this.prepared.get(id);
        if (!entry) return; // being delivered: deliver() settles it
        this.prepared.delete(id);
        this.settled(id, this.failed(entry, entry.planned, ja.issue.notDownloaded));
      }, timeoutMs);
      this.waiters.set(id, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
  }

  /** The administrator closed the screen without delivering: forget the notice. */
  discard(id: string): void {
    const entry = this.prepared.get(id);
    if (!entry) return;
    this.prepared.delete(id);
    this.settled(id, this.failed(entry, entry.planned, ja.issue.cancelled));
  }

  close(): void {
    this.retry.stop();
  }

  private settled(id: string, result: IssueResult): void {
    this.results.set(id, result);
    // Results are small and only kept for the screen that asked; the oldest go first.
    if (this.results.size > 100) this.results.delete(this.results.keys().next().value!);
    this.waiters.get(id)?.(result);
    this.waiters.delete(id);
  }

  private render(kind: IssueKind, context: NoticeContext, rows: readonly { row: NoticeRow; secret: string }[]): Promise<Buffer> {
    const title = kind === 'password' ? ja.notice.passwordDocumentTitle : ja.notice.passcodeDocumentTitle;
    return kind === 'password'
      ? this.deps.renderer.render({ kind: 'password', title, context, passwords: rows.map((p) => ({ ...printedIdentity(p.row), password: p.secret })) })
      : this.deps.renderer.render({ kind: 'passcode', title, context, passcodes: rows.map((p) => ({ ...printedIdentity(p.row), passcode: p.secret })) });
  }

  private noticeContext(now: number): NoticeContext {
    const portalUrl = this.deps.portalUrl();
    return {
      companyName: readSettings(this.deps.db).companyName,
      portalUrl,
      kioskUrl: new URL('kiosk', portalUrl).href,
      issuedAt: formatDateTime(now),
    };
  }

  private progress(kind: IssueKind, done: number, total: number): void {
    this.deps.events.emit('issueProgress', { kind, done, total });
  }

  private sweep(): void {
    const now = this.deps.clock.now();
    for (const [id, e] of this.prepared) {
      if (e.expires >= now) continue;
      this.prepared.delete(id);
      this.settled(id, this.failed(e, e.planned, ja.issue.notDownloaded));
    }
  }
}

/** Why a row was left out at delivery, in the result dialog's 備考. */
function refusalNote(reason: Refusal): string {
  if (reason === 'gone') return ja.issue.notFound;
  if (reason === 'inFlight') return ja.issue.inFlightElsewhere;
  return ja.issue.changedMeanwhile;
}

/** The database refused the reservation: nothing left the process; say why in words. */
function storageMessage(e: unknown, dataDir?: string): string {
  if (e instanceof AppError) return e.message;
  const fault = storageFault(e, dataDir);
  return fault === 'diskFull' ? ja.issue.notReservedDiskFull : fault === 'busy' ? ja.issue.notReservedBusy : ja.issue.notReserved;
}

function exclusionReason(scope: IssueScope, row: EmployeeDbRow): string | null {
  if (scope.mode === 'individual') return null;
  if (scope.kind === 'passcode') return row.passcode_status === 'unissued' ? null : ja.issue.alreadyIssuedPasscode;
  return isBulkIssuable(factsOf(row)) ? null : ja.issue.notUnissued(ja.status.password[row.password_status]);
}

const noticeRowOf = (r: EmployeeDbRow): NoticeRow => ({
  id: r.id, version: r.version, loginId: r.login_id, code: r.code, name: fullName(r.last_name, r.first_name), department: r.department,
});
/** what a notice prints about its employee */
const printedIdentity = (r: NoticeRow) => ({ name: r.name, code: r.code, department: r.department, loginId: r.loginId });

/** An individual notice is named after its employee; a bulk one after its moment and count. */
function noticeFileName(mode: IssueScope['mode'], kind: IssueKind, rows: readonly { row: NoticeRow }[], at: number): string {
  const only = rows[0]?.row;
  return mode === 'individual' && only ? individualNoticeFileName(kind, { code: only.code, name: only.name }) : bulkNoticeFileName(kind, rows.length, at);
}
const rowIdentity = (r: NoticeRow) => ({ employeeId: r.id, loginId: r.loginId, name: r.name });

function summarise(issueId: string, kind: IssueKind, rows: IssueRowResult[]): IssueResult {
  const counts: Record<IssueOutcome, number> = { success: 0, failure: 0, excluded: 0 };
  for (const r of rows) if (r.outcome !== 'pending') counts[r.outcome]++;
  return { issueId, kind, rows, counts };
}
