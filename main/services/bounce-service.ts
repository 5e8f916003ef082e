/**
 * 基本設定 › メール送信 › 送信エラーの確認: the mailbox (IMAP) where delivery reports arrive — its
 * settings (password sealed at rest; or the OAuth 2.0 application of the sending settings, XOAUTH2),
 * 「接続テスト」, and the watcher that reads it (started and stopped by the one lifecycle). In the
 * demo, the built-in mailbox's own reports are watched instead.
 */
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { BounceSettingsView } from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import type { bounceSettingsSchema } from '../../preload/schemas';
import { readBounceSettings, readSmtpOAuth, writeBounceSettings, type BounceSettingsRow } from '../../db/queries/settings';
import { BounceProcessor } from './bounces/bounce-processor';
import { BounceWatcher, ConnectionLost, type WatcherStatus, type WatchTarget } from './bounces/bounce-watcher';
import { ImapLoginError, openImapMailbox, testImapMailbox, IMAP_TIMEOUTS, type ImapTarget, type ImapTimeouts } from './bounces/imap-mailbox';
import type { MailboxConnection } from './bounces/mailbox';
import { TokenError } from './mail/oauth/token-errors';
import { readRoles } from './mail/oauth/token-provider';
import { explainSendFailure, type SmtpService } from './smtp-service';
import { AppError } from './support/errors';
import type { Clock } from './support/clock';
import type { EventBus } from './support/event-bus';
import type { Logger } from './support/logger';
import type { SecretBox } from './support/secret-box';

/** Node's codes for a server certificate that does not verify (unknown issuer, self-signed, expired, another name). */
const UNTRUSTED_CERTIFICATE = /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|ERR_TLS_CERT_ALTNAME_INVALID)$/;

/** The role Exchange Online requires of an app that reads a mailbox over IMAP (application permission). */
const IMAP_ACCESS_AS_APP = 'IMAP.AccessAsApp';

type BounceInput = z.output<typeof bounceSettingsSchema>;

export interface BounceServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  secrets: SecretBox;
  smtp: SmtpService;
  /** the demo's built-in mailbox: its reports are watched instead of an IMAP server */
  demoMailbox?: { openReports(): MailboxConnection } | null;
  /** for mails of a bulk job that came back: its result and the grid's line */
  onJobBounced(jobId: string): void;
  /** tests: their own CA, shorter waits */
  imapTls?: ImapTarget['tls'];
  imapTimeouts?: ImapTimeouts;
  watchTiming?: ConstructorParameters<typeof BounceWatcher>[0]['timing'];
}

export class BounceService {
  readonly processor: BounceProcessor;
  private readonly watcher: BounceWatcher;

  constructor(private readonly deps: BounceServiceDeps) {
    this.processor = new BounceProcessor({
      db: deps.db, clock: deps.clock, logger: deps.logger,
      onRecorded: ({ jobIds }) => {
        // the grid refetches by itself (no 「更新」): its marks, the count and the filter
        deps.events.emit('employeesChanged', { reason: 'mailBounced' });
        for (const jobId of jobIds) deps.onJobBounced(jobId);
      },
    });
    this.watcher = new BounceWatcher({
      db: deps.db, clock: deps.clock, logger: deps.logger, processor: this.processor,
      target: () => this.target(),
      explain: (e) => this.explain(e),
      onStatus: () => undefined,
      timing: deps.watchTiming,
    });
  }

  get(): BounceSettingsView {
    const s = readBounceSettings(this.deps.db);
    const oauth = readSmtpOAuth(this.deps.db).authMethod;
    return {
      enabled: s.enabled, host: s.host, port: s.port, security: s.security, authMethod: s.authMethod, user: s.user,
      passwordSet: s.passwordSealed !== '', folder: s.folder, moveTo: s.moveTo,
      oauthProvider: oauth === 'password' ? null : oauth,
      demoMailbox: Boolean(this.deps.demoMailbox),
      status: this.watcher.current() satisfies WatcherStatus,
    };
  }

  /** Saves the mailbox (the password sealed) and starts watching it — or stops, when switched off. */
  async update(input: BounceInput): Promise<BounceSettingsView> {
    const old = readBounceSettings(this.deps.db);
    const passwordSealed = input.password === null ? old.passwordSealed : input.password === '' ? '' : this.deps.secrets.seal(input.password);
    const row: BounceSettingsRow = { ...input, passwordSealed };
    if (row.enabled) this.check(row);
    writeBounceSettings(this.deps.db, row);
    this.deps.logger.info('bounce mailbox settings changed', { enabled: row.enabled, host: row.host, port: row.port, authMethod: row.authMethod });
    await this.watcher.restart();
    return this.get();
  }

  /** 「接続テスト」 with the stored settings: log in, open the folder, say what was found. */
  async test(): Promise<{ message: string }> {
    if (this.deps.demoMailbox) return { message: ja.bounce.demoMailbox };
    const s = readBounceSettings(this.deps.db);
    this.check(s);
    try {
      const r = await testImapMailbox(await this.imapTarget(s), this.deps.imapTimeouts ?? IMAP_TIMEOUTS);
      if (r.moveToMissing) throw new AppError('VALIDATION', ja.bounce.moveToMissing(s.moveTo));
      return { message: ja.bounce.testOk(s.folder, r.messages, r.idle) };
    } catch (e) {
      if (e instanceof AppError) throw e;
      // the mailbox cannot be used as set: a refusal naming why (not an error of the app)
      throw new AppError('VALIDATION', this.explain(e, s));
    }
  }

  /** Called by the lifecycle once the services are up. */
  start(): Promise<void> {
    return this.watcher.restart();
  }

  stop(): Promise<void> {
    return this.watcher.stop();
  }

  /** What is needed for the chosen method is there, else the fields are named. */
  private check(s: BounceSettingsRow): void {
    const b = ja.bounce;
    const missing: Record<string, string> = {};
    if (!s.host && !this.deps.demoMailbox) missing.host = b.required(b.host);
    if (!s.user && !this.deps.demoMailbox) missing.user = b.required(b.user);
    if (s.authMethod === 'password' && !s.passwordSealed && !this.deps.demoMailbox) missing.password = b.required(b.password);
    if (s.authMethod === 'oauth') {
      const oauth = readSmtpOAuth(this.deps.db);
      if (oauth.authMethod === 'password') missing.authMethod = b.oauthNotSet;
      else if (oauth.authMethod === 'google' && s.user && s.user.toLowerCase() !== oauth.oauthUser.toLowerCase()) missing.user = b.googleSameUser(oauth.oauthUser);
    }
    if (Object.keys(missing).length > 0) throw new AppError('VALIDATION', [...new Set(Object.values(missing))].join('\n'), missing);
  }

  /** The mailbox of the current settings, or null when off. */
  private target(): WatchTarget | null {
    const demo = this.deps.demoMailbox;
    if (demo) return { key: 'demo', open: async () => demo.openReports() };
    const s = readBounceSettings(this.deps.db);
    if (!s.enabled) return null;
    return {
      key: `${s.host}:${s.port}/${s.user}/${s.folder}`,
      open: async () => openImapMailbox(await this.imapTarget(s), this.deps.imapTimeouts ?? IMAP_TIMEOUTS),
    };
  }

  private async imapTarget(s: BounceSettingsRow): Promise<ImapTarget> {
    const base = { host: s.host, port: s.port, security: s.security, user: s.user, folder: s.folder, moveTo: s.moveTo, tls: this.deps.imapTls };
    if (s.authMethod === 'oauth') return { ...base, auth: { accessToken: await this.accessToken() } };
    try {
      return { ...base, auth: { password: s.passwordSealed ? this.deps.secrets.open(s.passwordSealed) : '' } };
    } catch {
      throw new AppError('VALIDATION', ja.bounce.cannotOpen);
    }
  }

  /** The sending settings' token (one cache for SMTP and IMAP); Exchange's IMAP role checked where the token can be read. */
  private async accessToken(): Promise<string> {
    const token = await this.deps.smtp.accessToken();
    const roles = readRoles(token);
    if (readSmtpOAuth(this.deps.db).authMethod === 'microsoft365' && roles !== undefined && !roles.includes(IMAP_ACCESS_AS_APP)) {
      throw new AppError('VALIDATION', ja.bounce.imapRoleMissing);
    }
    return token;
  }

  /** A failure in words the administrator can act on. */
  private explain(e: unknown, s: BounceSettingsRow = readBounceSettings(this.deps.db)): string {
    const b = ja.bounce;
    if (e instanceof AppError) return e.message;
    if (e instanceof TokenError) return explainSendFailure(e, this.deps.smtp.answerContext()).message;
    if (e instanceof ImapLoginError) return b.loginFailed;
    if (e instanceof ConnectionLost) return b.unreachable(`${s.host}:${s.port}`, b.connectionLost);
    const err = e as { code?: string; serverResponseCode?: string; responseText?: string; message?: string };
    if (err.serverResponseCode === 'NONEXISTENT' || /doesn't exist|does not exist|NONEXISTENT/i.test(`${err.responseText ?? ''} ${err.message ?? ''}`)) return b.noFolder(s.folder);
    const why = `${err.code ?? ''} ${err.message ?? String(e)}`.replace(/\s+/g, ' ').trim().slice(0, 200);
    if (err.code && UNTRUSTED_CERTIFICATE.test(err.code)) return b.untrustedCertificate(s.host, why);
    if (err.code && /^E[A-Z]+|_TIMEOUT$/.test(err.code)) return b.unreachable(`${s.host}:${s.port}`, why);
    return b.other(why);
  }
}
