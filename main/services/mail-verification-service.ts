/**
 * Mail verification (SPEC §4, §6): the verification-request mail with its link, the
 * employee's 「認証する」 that makes the password and sends the account mail, and the
 * administrator's 「認証要求の取り消し」.
 *
 * A mail that reaches the SMTP server carries something that works: the link (and 認証待ち) is
 * stored before its mail leaves, and dies again if the server refuses it; a new password is
 * reserved as pending before the account mail leaves (account-transitions.ts), put in force
 * once the server accepted it, dropped if it refused. If the database refuses the first step,
 * nothing is mailed. Every step is guarded: a link is bound to an address on file when it is
 * stored and when it is used.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { MailIssueView } from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import { fullName, type AccountFacts } from '../../preload/domain-types';
import { factsOf, type EmployeeDbRow, type FactColumns } from '../../db/queries/employee-columns';
import { selectEmployee } from '../../db/queries/employees';
import {
  insertMailHistory, mailSentSince, selectLinkByHash, selectLinkUsedAt, selectMailHistory, selectVerifiedAddresses, setMailResult, setMailsSent,
} from '../../db/queries/mail';
import { releasePendingSecret, selectPendingSecrets } from '../../db/queries/pending-secrets';
import { readSettings } from '../../db/queries/settings';
import {
  abandonDelivery, applyAccountEvent, completeDelivery, reserveDelivery, runIdOf, undoVerificationMail, type Refusal,
} from './account-transitions';
import { generatePassword } from './credentials/password-generator';
import { applyEvent, deriveVerification } from './domain/status';
import { linkTokenKey, newLinkToken } from './mail/link-token';
import { newMessageId } from './mail/message-id';
import { accountMail, verificationMail } from './mail/templates';
import type { EmployeeService } from './employee-service';
import { explainSendFailure, type SmtpService } from './smtp-service';
import { MailSendError } from './mail/mail-sender';
import { AppError } from './support/errors';
import { checkpoint } from './support/checkpoints';
import { RetryUntilStored } from './support/retry-until-stored';
import type { Clock } from './support/clock';
import type { EventBus } from './support/event-bus';
import type { Logger } from './support/logger';
import { hashSecret } from './support/secret-hasher';

const DAY_MS = 86_400_000;
export const VERIFY_PATH = 'verify/';

/**
 * What a link is now, for its page. A used link says what has happened since, for that account
 * only: its account mail is on its way (or in the mailbox) and waits for the first login; the
 * employee has logged in since; or a later issuance (a reissue, a PDF) has replaced that one.
 * `via` 'anotherLink': this link died because another link of the same issuance verified.
 * 'revoked': its issuance ended before it was used (a reissue, a PDF issue, 認証要求の取り消し).
 */
export type LinkState =
  | { status: 'valid'; name: string }
  | { status: 'expired' }
  | { status: 'used'; name: string; via: 'thisLink' | 'anotherLink'; since: UsedLinkSince }
  | { status: 'revoked' }
  | { status: 'invalid' };
export type UsedLinkSince = 'awaitingLogin' | 'loggedIn' | 'replaced';

/**
 * 'unavailable': the database refused to store the verification; nothing was mailed.
 * 'busy': another password for the employee is on its way (another link pressed, the administrator's
 * PDF or account mail); nothing was mailed.
 */
export type VerifyOutcome = 'verified' | 'alreadyVerified' | 'expired' | 'invalid' | 'mailFailed' | 'unavailable' | 'busy';

export interface MailVerificationDeps {
  db: Database;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  smtp: SmtpService;
  employees: EmployeeService;
  portalUrl: () => string;
}

/** What every verification mail needs from the settings. */
export interface VerificationMailContext { verificationDays: number; companyName: string; portalUrl: string; messageDomain: string }

/**
 * A verification mail whose link and 認証待ち are stored: what it takes to send it, and to take it
 * back should the SMTP server refuse it.
 */
export interface VerificationMailReservation {
  employeeId: number;
  address: string;
  /** with our Message-ID, stored with the history row */
  mail: { subject: string; text: string; messageId: string };
  linkId: number;
  historyId: number;
  /** the state before, and the version after, the reservation (for undoVerificationMail) */
  previous: AccountFacts;
  version: number;
}

export class MailVerificationService {
  /** One 「認証する」 at a time per link: a double press must not mail two passwords. */
  private readonly inFlight = new Map<string, Promise<VerifyOutcome>>();
  private readonly retry: RetryUntilStored;

  constructor(private readonly deps: MailVerificationDeps) {
    this.retry = new RetryUntilStored(deps.logger);
  }

  view(employeeId: number): MailIssueView {
    const { db, clock } = this.deps;
    const row = this.row(employeeId);
    const verified = selectVerifiedAddresses(db, employeeId);
    const addresses = ([1, 2, 3] as const).flatMap((slot) => {
      const address = row[`email${slot}`];
      return address ? [{ slot, address, verified: verified.has(address) }] : [];
    });
    const companyName = readSettings(db).companyName;
    const name = fullName(row.last_name, row.first_name);
    const days = readSettings(db).verificationDays;
    return {
      employee: this.deps.employees.get(employeeId),
      addresses,
      history: selectMailHistory(db, employeeId).map(({ bounceKind, bounceStatus, bounceDiagnostic, bounceAt, ...h }) => ({
        ...h, bounce: bounceKind ? { kind: bounceKind, status: bounceStatus, diagnostic: bounceDiagnostic, at: bounceAt ?? h.sentAt } : null,
      })),
      preview: {
        verification: verificationMail({ name, url: ja.mail.previewUrl, expiresAt: clock.now() + days * DAY_MS, companyName }),
        account: accountMail({ name, loginId: row.login_id, password: ja.mail.previewPassword, portalUrl: this.deps.portalUrl(), companyName }),
      },
      canCancel: applyEvent(factsOf(row), { type: 'issuanceCancelled' }, clock.now()).ok,
      reissue: row.password_status === 'issued' || row.password_status === 'reissuing',
      canSendAccountMail: applyEvent(factsOf(row), { type: 'accountMailSent' }, clock.now()).ok,
    };
  }

  /** 「認証要求メール送信」. Sending again (another address, or after expiry) is allowed until the first login. */
  async sendVerification(employeeId: number, slot: 1 | 2 | 3): Promise<MailIssueView> {
    const { db } = this.deps;
    const row = this.row(employeeId);
    const address = row[`email${slot}`];
    if (!address) throw new AppError('VALIDATION', ja.mail.noAddress(slot));
    const reservation = db.transaction(() => this.reserveVerificationMail(this.row(employeeId), address, this.mailContext())).immediate();
    try {
      await this.deps.smtp.sender().send({ to: address, ...reservation.mail });
    } catch (e) {
      const explained = explainSendFailure(e, this.deps.smtp.answerContext());
      if (mayHaveArrived(e)) {
        // it may be in the employee's mailbox: its link keeps working
        this.retry.run('verification mail uncertain', () => this.markVerificationMailUncertain(reservation, explained.message));
        this.deps.events.emit('employeesChanged', { reason: 'verificationSent' });
        throw new AppError('INTERNAL', ja.mail.mayHaveArrived(explained.message));
      }
      this.retry.run('verification mail refused', () => db.transaction(() => this.undoVerificationMail(reservation, explained.message)).immediate());
      throw explained;
    }
    this.retry.run('verification mail sent', () => this.confirmVerificationMail(reservation));
    this.deps.logger.info('verification mail sent', { employeeId });
    this.deps.events.emit('employeesChanged', { reason: 'verificationSent' });
    return this.view(employeeId);
  }

  /** The settings a verification mail needs, read now (a bulk job reads them once, as it starts). */
  mailContext(): VerificationMailContext {
    const { verificationDays, companyName } = readSettings(this.deps.db);
    return { verificationDays, companyName, portalUrl: this.deps.portalUrl(), messageDomain: this.deps.smtp.messageDomain() };
  }

  /**
   * Before a verification mail leaves (call inside a transaction, with `row` read in it): its link
   * and 認証待ち are stored, guarded — the address must still be on file, no new password may be on
   * its way to the employee, and the row must still be the version read — and the history gets a
   * 'sending' row. Returns the mail to send.
   * `jobId`: the bulk job it belongs to (its result counts the reports that come back).
   */
  reserveVerificationMail(row: Pick<EmployeeDbRow, 'id' | 'version' | 'last_name' | 'first_name' | FactColumns>, address: string, context: VerificationMailContext, jobId?: string): VerificationMailReservation {
    const { db, clock } = this.deps;
    const now = clock.now();
    const employeeId = row.id;
    const token = newLinkToken(now);
    const expiresAt = now + context.verificationDays * DAY_MS;
    const done = applyAccountEvent(db, employeeId, { type: 'verificationMailSent', validUntil: expiresAt }, {
      now, expectVersion: row.version, link: { tokenHash: linkTokenKey(token)!, address, expiresAt },
    });
    if (!done.ok) throw refusalError(done.reason);
    const messageId = newMessageId(context.messageDomain, now);
    const historyId = insertMailHistory(db, {
      employeeId, kind: 'verification', address, sentAt: now, result: 'sending', detail: '', messageId, jobId: jobId ?? null,
    });
    const mail = verificationMail({
      name: fullName(row.last_name, row.first_name), url: new URL(VERIFY_PATH + token, context.portalUrl).href, expiresAt, companyName: context.companyName,
    });
    return { employeeId, address, mail: { ...mail, messageId }, linkId: done.linkId!, historyId, previous: factsOf(row), version: done.version };
  }

  /** The SMTP server accepted the mail: its history row says so. */
  confirmVerificationMail(r: VerificationMailReservation): void {
    this.confirmVerificationMails([r]);
  }

  /** The SMTP server accepted these mails (a bulk job's shared commit): one statement for all. */
  confirmVerificationMails(rs: readonly VerificationMailReservation[]): void {
    if (rs.length > 0) setMailsSent(this.deps.db, rs.map((r) => r.historyId));
  }

  /** The server fell silent after taking the mail: it may have arrived, so its link stays; the history says so. */
  markVerificationMailUncertain(r: VerificationMailReservation, detail: string): void {
    setMailResult(this.deps.db, r.historyId, 'uncertain', detail);
  }

  /** The SMTP server refused the mail (call inside a transaction): the link dies, the state goes back. */
  undoVerificationMail(r: VerificationMailReservation, detail: string): void {
    const { db, clock } = this.deps;
    undoVerificationMail(db, { employeeId: r.employeeId, linkId: r.linkId, previous: r.previous, version: r.version, now: clock.now() });
    setMailResult(db, r.historyId, 'failed', detail);
  }

  /**
   * 「アカウント通知メール送信」 (reissue, SPEC §7): skips verification and mails a new password;
   * the old one keeps working until the SMTP server accepted the mail.
   */
  async sendAccountMail(employeeId: number, slot: 1 | 2 | 3): Promise<MailIssueView> {
    const { db, clock } = this.deps;
    const row = this.row(employeeId);
    const address = row[`email${slot}`];
    if (!address) throw new AppError('VALIDATION', ja.mail.noAddress(slot));
    if (!applyEvent(factsOf(row), { type: 'accountMailSent' }, clock.now()).ok) {
      throw new AppError('CONFLICT', ja.mailIssue.accountMailNotAllowed);
    }
    const password = generatePassword();
    const hash = await hashSecret(password);
    const deliveryId = randomBytes(16).toString('base64url');
    const messageId = newMessageId(this.deps.smtp.messageDomain(), clock.now());
    db.transaction(() => {
      const now = clock.now();
      const current = this.row(employeeId);
      if (current[`email${slot}`] !== address) throw new AppError('CONFLICT', ja.mailIssue.addressChanged);
      const historyId = insertMailHistory(db, { employeeId, kind: 'account', address, sentAt: now, result: 'sending', detail: '', messageId });
      const r = reserveDelivery(db, {
        employeeId, kind: 'password', deliveryId, hash, event: 'accountMailSent', now, expectVersion: row.version, historyId,
      });
      if (!r.ok) throw r.reason === 'notAllowed' ? new AppError('CONFLICT', ja.mailIssue.accountMailNotAllowed) : refusalError(r.reason);
    }).immediate();
    const mail = accountMail({
      name: fullName(row.last_name, row.first_name), loginId: row.login_id, password, portalUrl: this.deps.portalUrl(), companyName: readSettings(db).companyName,
    });
    checkpoint('accountMail.reserved');
    try {
      await this.deps.smtp.sender().send({ to: address, ...mail, messageId });
    } catch (e) {
      const explained = explainSendFailure(e, this.deps.smtp.answerContext());
      this.retry.run('account mail refused', () => this.settleUnsentAccountMail(employeeId, deliveryId, e, explained.message));
      throw mayHaveArrived(e) ? new AppError('INTERNAL', ja.mail.mayHaveArrived(explained.message)) : explained;
    }
    checkpoint('accountMail.accepted');
    this.retry.run('account mail sent', () => this.completeAccountMail(employeeId, deliveryId));
    this.deps.logger.info('account mail sent (reissue)', { employeeId });
    this.deps.events.emit('employeesChanged', { reason: 'accountMailSent' });
    return this.view(employeeId);
  }

  /** 「認証要求の取り消し」: open links die; back to 未発行/未, or 発行済 with the old password. */
  cancel(employeeId: number): MailIssueView {
    const { db, clock } = this.deps;
    db.transaction(() => {
      const done = applyAccountEvent(db, employeeId, { type: 'issuanceCancelled' }, { now: clock.now() });
      if (!done.ok) throw done.reason === 'notAllowed' ? new AppError('CONFLICT', ja.mailIssue.nothingToCancel) : refusalError(done.reason);
    }).immediate();
    this.deps.logger.info('verification cancelled', { employeeId });
    this.deps.events.emit('employeesChanged', { reason: 'verificationCancelled' });
    return this.view(employeeId);
  }

  /** What the link page shows (GET): never changes anything, so mail scanners cannot consume links. */
  inspect(token: string): LinkState {
    const { db, clock } = this.deps;
    const key = linkTokenKey(token);
    if (key === null) return { status: 'invalid' };
    const link = selectLinkByHash(db, key);
    const row = link && selectEmployee(db, link.employeeId, clock.now());
    if (!link || !row) return { status: 'invalid' };
    if (link.usedAt !== null) return { status: 'used', name: fullName(row.last_name, row.first_name), via: 'thisLink', since: this.usedSince(row, link.usedAt) };
    // a link dies with its address (SPEC §4), and says no more (the address may have been a stranger's)
    if (![row.email1, row.email2, row.email3].includes(link.address)) return { status: 'invalid' };
    if (link.revokedAt !== null) {
      // revoked at the very moment another link of its issuance verified
      const winner = selectLinkUsedAt(db, row.id, link.revokedAt);
      if (winner) return { status: 'used', name: fullName(row.last_name, row.first_name), via: 'anotherLink', since: this.usedSince(row, link.revokedAt) };
      return { status: 'revoked' };
    }
    if (clock.now() >= link.expiresAt) return { status: 'expired' };
    return { status: 'valid', name: fullName(row.last_name, row.first_name) };
  }

  /**
   * What happened since a link verified at `usedAt` (from the facts now; SPEC §4): still 済（未ログイン）
   * from that verification — the account mail went and waits for the first login; 発行済 by mail
   * with nothing mailed since — the employee has logged in; anything else — a later issuance
   * (a reissue by mail, a PDF, a cancelled new request) replaced it.
   */
  private usedSince(row: EmployeeDbRow, usedAt: number): UsedLinkSince {
    const now = this.deps.clock.now();
    const v = deriveVerification(factsOf(row), now);
    if (v === 'verified') return row.verified_at !== null && row.verified_at <= usedAt ? 'awaitingLogin' : 'replaced';
    const loggedIn = v === 'done' && row.last_login_at !== null && row.last_login_at >= usedAt;
    return loggedIn && !mailSentSince(this.deps.db, row.id, usedAt) ? 'loggedIn' : 'replaced';
  }

  /** 「認証する」 (POST). */
  verify(token: string): Promise<VerifyOutcome> {
    const key = linkTokenKey(token);
    if (key === null) return Promise.resolve('invalid');
    const running = this.inFlight.get(key);
    if (running) return running.then((o) => (o === 'verified' ? 'alreadyVerified' : o));
    const p = this.doVerify(key).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p;
  }

  close(): void {
    this.retry.stop();
  }

  private async doVerify(tokenHash: string): Promise<VerifyOutcome> {
    const { db, clock } = this.deps;
    const link = selectLinkByHash(db, tokenHash);
    if (!link || link.revokedAt !== null) return 'invalid';
    if (link.usedAt !== null) return 'alreadyVerified';
    if (clock.now() >= link.expiresAt) return 'expired';
    const row = selectEmployee(db, link.employeeId, clock.now());
    if (!row || !applyEvent(factsOf(row), { type: 'linkVerified' }, clock.now()).ok) return 'invalid';
    // pressed a moment ago, and its account mail is on its way (one of a crashed run does not count: press again)
    if (selectPendingSecrets(db, row.id, 'password').some((p) => p.linkId === link.id && p.runId === runIdOf(db))) return 'alreadyVerified';

    const password = generatePassword();
    const hash = await hashSecret(password);
    const deliveryId = randomBytes(16).toString('base64url');
    const messageId = newMessageId(this.deps.smtp.messageDomain(), clock.now());
    let refusal: Refusal | null;
    try {
      refusal = db.transaction((): Refusal | null => {
        const now = clock.now();
        const historyId = insertMailHistory(db, {
          employeeId: row.id, kind: 'account', address: link.address, sentAt: now, result: 'sending', detail: '', messageId,
        });
        const r = reserveDelivery(db, {
          employeeId: row.id, kind: 'password', deliveryId, hash, event: 'linkVerified', now, linkId: link.id, historyId,
        });
        if (!r.ok) throw new ReservationRefused(r.reason);
        return null;
      }).immediate();
    } catch (e) {
      if (!(e instanceof ReservationRefused)) {
        this.deps.logger.warn('verification could not be stored; nothing was mailed', { employeeId: row.id, error: String(e) });
        return 'unavailable';
      }
      refusal = e.reason;
    }
    if (refusal) return refusal === 'linkDead' ? this.linkOutcome(tokenHash) : refusal === 'inFlight' ? 'busy' : 'invalid';

    const mail = accountMail({
      name: fullName(row.last_name, row.first_name), loginId: row.login_id, password, portalUrl: this.deps.portalUrl(), companyName: readSettings(db).companyName,
    });
    checkpoint('accountMail.reserved');
    try {
      await this.deps.smtp.sender().send({ to: link.address, ...mail, messageId });
    } catch (e) {
      // The link stays usable: the employee tries again later; the administrator sees why.
      this.retry.run('account mail refused', () => this.settleUnsentAccountMail(row.id, deliveryId, e, explainSendFailure(e, this.deps.smtp.answerContext()).message));
      this.deps.events.emit('employeesChanged', { reason: 'accountMailFailed' });
      return 'mailFailed';
    }
    checkpoint('accountMail.accepted');
    this.retry.run('verified by link', () => this.completeAccountMail(row.id, deliveryId));
    this.deps.logger.info('verified by link', { employeeId: row.id });
    this.deps.events.emit('employeesChanged', { reason: 'verified' });
    return 'verified';
  }

  /** A link found dead while reserving: say what it is now. */
  private linkOutcome(tokenHash: string): VerifyOutcome {
    const link = selectLinkByHash(this.deps.db, tokenHash);
    if (!link || link.revokedAt !== null) return 'invalid';
    if (link.usedAt !== null) return 'alreadyVerified';
    return 'expired';
  }

  /** The account mail was accepted: its password is put in force (with its event), its history row says sent. */
  private completeAccountMail(employeeId: number, deliveryId: string): void {
    const { db, clock } = this.deps;
    db.transaction(() => {
      completeDelivery(db, employeeId, 'password', deliveryId, clock.now());
      checkpoint('accountMail.completing');
    }).immediate();
  }

  /**
   * The account mail did not go out as far as we know: refused — the reserved password is
   * dropped; or the server fell silent after taking it — the password stays valid (it may be in
   * the mailbox) without holding up what comes next. The history row says which, and why.
   */
  private settleUnsentAccountMail(employeeId: number, deliveryId: string, error: unknown, detail: string): void {
    const { db } = this.deps;
    db.transaction(() => {
      const p = selectPendingSecrets(db, employeeId, 'password').find((x) => x.deliveryId === deliveryId);
      const uncertain = mayHaveArrived(error);
      if (p?.historyId != null) setMailResult(db, p.historyId, uncertain ? 'uncertain' : 'failed', detail);
      if (uncertain) releasePendingSecret(db, employeeId, 'password', deliveryId);
      else abandonDelivery(db, employeeId, 'password', deliveryId);
    }).immediate();
  }

  private row(employeeId: number): EmployeeDbRow {
    const row = selectEmployee(this.deps.db, employeeId, this.deps.clock.now());
    if (!row) throw new AppError('NOT_FOUND', ja.validation.notFound);
    return row;
  }
}

class ReservationRefused extends Error {
  constructor(readonly reason: Refusal) {
    super(reason);
  }
}

const mayHaveArrived = (e: unknown): boolean => e instanceof MailSendError && e.mayHaveArrived;

/** A guarded write refused on the administrator's screen: what to tell them. */
export function refusalError(reason: Refusal): AppError {
  switch (reason) {
    case 'gone': return new AppError('NOT_FOUND', ja.validation.notFound);
    case 'inFlight': return new AppError('CONFLICT', ja.mailIssue.inFlight);
    case 'addressGone': return new AppError('CONFLICT', ja.mailIssue.addressChanged);
    default: return new AppError('CONFLICT', ja.validation.changedElsewhere);
  }
}

