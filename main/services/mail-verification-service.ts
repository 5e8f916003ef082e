/**
 * Mail verification (SPEC §4, §6): the verification-request mail with its link, the
 * employee's 「認証する」 that makes the password and sends the account mail, and the
 * administrator's 「認証要求の取り消し」. A link is stored only after the SMTP server
 * accepted its mail; a password only after the account mail was accepted.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { MailIssueView } from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import { factsOf, type EmployeeDbRow } from '../../db/queries/employee-columns';
import { selectEmployee, selectFacts } from '../../db/queries/employees';
import { revokeOpenLinks } from '../../db/queries/issuance';
import {
  consumeLink, insertLink, insertMailHistory, selectLinkByHash, selectMailHistory, selectVerifiedAddresses, storeFacts,
  type MailKind,
} from '../../db/queries/mail';
import { readSettings } from '../../db/queries/settings';
import { generatePassword } from './credentials/password-generator';
import { applyEvent } from './domain/status';
import { accountMail, verificationMail } from './mail/templates';
import type { EmployeeService } from './employee-service';
import { explainSendFailure, type SmtpService } from './smtp-service';
import type { MailSender } from './mail/mail-sender';
import { AppError } from './support/errors';
import type { Clock } from './support/clock';
import type { EventBus } from './support/event-bus';
import type { Logger } from './support/logger';
import { hashSecret } from './support/secret-hasher';

const DAY_MS = 86_400_000;
export const VERIFY_PATH = 'verify/';

export type LinkState =
  | { status: 'valid'; name: string }
  | { status: 'expired' }
  | { status: 'used' }
  | { status: 'invalid' };

export type VerifyOutcome = 'verified' | 'alreadyVerified' | 'expired' | 'invalid' | 'mailFailed';

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
export interface VerificationMailContext { verificationDays: number; companyName: string; portalUrl: string }

/** Link tokens carry 256 random bits, so a fast hash is enough to keep them unusable at rest. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export class MailVerificationService {
  /** One 「認証する」 at a time per link: a double press must not mail two passwords. */
  private readonly inFlight = new Map<string, Promise<VerifyOutcome>>();

  constructor(private readonly deps: MailVerificationDeps) {}

  view(employeeId: number): MailIssueView {
    const { db, clock } = this.deps;
    const row = this.row(employeeId);
    const verified = selectVerifiedAddresses(db, employeeId);
    const addresses = ([1, 2, 3] as const).flatMap((slot) => {
      const address = row[`email${slot}`];
      return address ? [{ slot, address, verified: verified.has(address) }] : [];
    });
    const companyName = readSettings(db).companyName;
    const name = fullName(row);
    const days = readSettings(db).verificationDays;
    return {
      employee: this.deps.employees.get(employeeId),
      addresses,
      history: selectMailHistory(db, employeeId),
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
    const row = this.row(employeeId);
    const address = row[`email${slot}`];
    if (!address) throw new AppError('VALIDATION', ja.mail.noAddress(slot));
    try {
      await this.deliverVerification(row, address, this.deps.smtp.sender());
    } catch (e) {
      throw explainSendFailure(e);
    }
    this.deps.events.emit('employeesChanged', { reason: 'verificationSent' });
    return this.view(employeeId);
  }

  /** The settings a verification mail needs, read now (a bulk job reads them once, as it starts). */
  mailContext(): VerificationMailContext {
    const { verificationDays, companyName } = readSettings(this.deps.db);
    return { verificationDays, companyName, portalUrl: this.deps.portalUrl() };
  }

  /** One verification mail sent and stored at once (the individual screen's send). */
  async deliverVerification(row: EmployeeDbRow, address: string, sender: MailSender): Promise<void> {
    const store = await this.sendVerificationMail(row, address, sender);
    this.deps.db.transaction(store).immediate();
    this.deps.logger.info('verification mail sent', { employeeId: row.id });
  }

  /**
   * The core of every verification send, individual or bulk: compose and hand to the SMTP
   * server; once it accepted, returns what stores the link (as a hash) and the new state, for
   * the caller to run in a transaction of its choosing (a bulk job commits several rows and
   * claims the next ones in one write). A refusal is recorded in the history and thrown as it
   * came (MailSendError).
   */
  async sendVerificationMail(
    row: EmployeeDbRow, address: string, sender: MailSender, context = this.mailContext(),
  ): Promise<() => void> {
    const { db, clock } = this.deps;
    const sentAt = clock.now();
    const token = randomBytes(32).toString('base64url');
    const validUntil = sentAt + context.verificationDays * DAY_MS;
    const mail = verificationMail({
      name: fullName(row), url: new URL(VERIFY_PATH + token, context.portalUrl).href, expiresAt: validUntil,
      companyName: context.companyName,
    });
    try {
      await sender.send({ to: address, ...mail });
    } catch (e) {
      this.record(row.id, 'verification', address, 'failed', explainSendFailure(e).message);
      throw e;
    }
    return () => {
      const facts = selectFacts(db, row.id);
      if (!facts) return; // deleted while the mail was on its way: its link would die with it anyway
      const t = applyEvent(facts, { type: 'verificationMailSent', validUntil }, sentAt);
      if (!t.ok) throw new AppError('CONFLICT', ja.validation.invalidInput);
      insertLink(db, { employeeId: row.id, tokenHash: hashToken(token), address, sentAt, expiresAt: validUntil });
      storeFacts(db, row.id, t.facts, clock.now());
      insertMailHistory(db, { employeeId: row.id, kind: 'verification', address, sentAt, result: 'sent', detail: '' });
    };
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
    const mail = accountMail({
      name: fullName(row), loginId: row.login_id, password, portalUrl: this.deps.portalUrl(), companyName: readSettings(db).companyName,
    });
    try {
      await this.deps.smtp.sender().send({ to: address, ...mail });
    } catch (e) {
      this.record(employeeId, 'account', address, 'failed', explainSendFailure(e).message);
      throw explainSendFailure(e);
    }
    db.transaction(() => {
      const now = clock.now();
      insertMailHistory(db, { employeeId, kind: 'account', address, sentAt: now, result: 'sent', detail: '' });
      const fresh = selectEmployee(db, employeeId, now);
      const t = fresh && applyEvent(factsOf(fresh), { type: 'accountMailSent' }, now);
      if (!t || !t.ok) return;
      storeFacts(db, employeeId, t.facts, now, hash);
      revokeOpenLinks(db, employeeId, now);
    }).immediate();
    this.deps.logger.info('account mail sent (reissue)', { employeeId });
    this.deps.events.emit('employeesChanged', { reason: 'accountMailSent' });
    return this.view(employeeId);
  }

  /** 「認証要求の取り消し」: open links die; back to 未発行/未, or 発行済 with the old password. */
  cancel(employeeId: number): MailIssueView {
    const { db, clock } = this.deps;
    db.transaction(() => {
      const now = clock.now();
      const t = applyEvent(factsOf(this.row(employeeId)), { type: 'issuanceCancelled' }, now);
      if (!t.ok) throw new AppError('CONFLICT', ja.mailIssue.nothingToCancel);
      storeFacts(db, employeeId, t.facts, now);
      revokeOpenLinks(db, employeeId, now);
    }).immediate();
    this.deps.logger.info('verification cancelled', { employeeId });
    this.deps.events.emit('employeesChanged', { reason: 'verificationCancelled' });
    return this.view(employeeId);
  }

  /** What the link page shows (GET): never changes anything, so mail scanners cannot consume links. */
  inspect(token: string): LinkState {
    const { db, clock } = this.deps;
    if (!TOKEN_FORMAT.test(token)) return { status: 'invalid' };
    const link = selectLinkByHash(db, hashToken(token));
    if (!link || link.revokedAt !== null) return { status: 'invalid' };
    if (link.usedAt !== null) return { status: 'used' };
    if (clock.now() >= link.expiresAt) return { status: 'expired' };
    const row = selectEmployee(db, link.employeeId, clock.now());
    return row ? { status: 'valid', name: fullName(row) } : { status: 'invalid' };
  }

  /** 「認証する」 (POST). */
  verify(token: string): Promise<VerifyOutcome> {
    if (!TOKEN_FORMAT.test(token)) return Promise.resolve('invalid');
    const key = hashToken(token);
    const running = this.inFlight.get(key);
    if (running) return running.then((o) => (o === 'verified' ? 'alreadyVerified' : o));
    const p = this.doVerify(key).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p;
  }

  private async doVerify(tokenHash: string): Promise<VerifyOutcome> {
    const { db, clock } = this.deps;
    const link = selectLinkByHash(db, tokenHash);
    if (!link || link.revokedAt !== null) return 'invalid';
    if (link.usedAt !== null) return 'alreadyVerified';
    if (clock.now() >= link.expiresAt) return 'expired';
    const row = selectEmployee(db, link.employeeId, clock.now());
    if (!row || !applyEvent(factsOf(row), { type: 'linkVerified' }, clock.now()).ok) return 'invalid';

    const password = generatePassword();
    const hash = await hashSecret(password);
    const settings = readSettings(db);
    const mail = accountMail({
      name: fullName(row), loginId: row.login_id, password, portalUrl: this.deps.portalUrl(), companyName: settings.companyName,
    });
    try {
      await this.deps.smtp.sender().send({ to: link.address, ...mail });
    } catch (e) {
      // The link stays usable: the employee tries again later; the administrator sees why.
      this.record(row.id, 'account', link.address, 'failed', explainSendFailure(e).message);
      this.deps.events.emit('employeesChanged', { reason: 'accountMailFailed' });
      return 'mailFailed';
    }
    const stored = db.transaction(() => {
      const now = clock.now();
      const fresh = selectEmployee(db, row.id, now);
      const again = selectLinkByHash(db, tokenHash);
      const t = fresh && applyEvent(factsOf(fresh), { type: 'linkVerified' }, now);
      insertMailHistory(db, { employeeId: row.id, kind: 'account', address: link.address, sentAt: now, result: 'sent', detail: '' });
      if (!t || !t.ok || !again || again.usedAt !== null || again.revokedAt !== null) return false;
      storeFacts(db, row.id, t.facts, now, hash);
      consumeLink(db, link.id, row.id, now);
      return true;
    }).immediate();
    this.deps.logger.info(stored ? 'verified by link' : 'verification overtaken', { employeeId: row.id });
    this.deps.events.emit('employeesChanged', { reason: 'verified' });
    return stored ? 'verified' : 'invalid';
  }

  private record(employeeId: number, kind: MailKind, address: string, result: 'sent' | 'failed', detail: string): void {
    const { db, clock } = this.deps;
    if (!selectEmployee(db, employeeId, clock.now())) return;
    insertMailHistory(db, { employeeId, kind, address, sentAt: clock.now(), result, detail });
  }

  private row(employeeId: number): EmployeeDbRow {
    const row = selectEmployee(this.deps.db, employeeId, this.deps.clock.now());
    if (!row) throw new AppError('NOT_FOUND', ja.validation.notFound);
    return row;
  }
}

const fullName = (r: EmployeeDbRow) => `${r.last_name} ${r.first_name}`.trim();
