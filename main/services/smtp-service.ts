/**
 * 基本設定 › メール送信: the SMTP server, how the app logs in (a password, or OAuth 2.0 with
 * Microsoft 365 or Google Workspace: XOAUTH2 with an access token), the secrets sealed at rest,
 * 「テスト送信」, and the one MailSender the rest of the app uses. `--smtp-url` (or the demo
 * mailbox) overrides the stored settings for this run.
 */
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { SmtpSettingsView } from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import type { smtpSettingsSchema } from '../../preload/schemas';
import { readSettings, readSmtpOAuth, readSmtpSettings, writeSmtpSettingsWithOAuth } from '../../db/queries/settings';
import { createMailSender, MailSendError, SMTP_TIMEOUTS, type MailSender, type MailTarget, type SmtpTimeouts } from './mail/mail-sender';
import { credentialExpiry, oauthRowToSave, oauthView, openCredentials } from './mail/oauth/oauth-settings';
import { DEFAULT_OAUTH_ENDPOINTS, type OAuthEndpoints } from './mail/oauth/oauth-types';
import type { TokenCache } from './mail/oauth/token-cache';
import { TokenError } from './mail/oauth/token-errors';
import { createTokenProvider } from './mail/oauth/token-provider';
import { domainOf } from './mail/message-id';
import { explainSmtpAnswer, type AnswerContext } from './mail/smtp-answers';
import { createMailWorkerHost } from './mail/worker-mail-sender';
import type { Clock } from './support/clock';
import { AppError } from './support/errors';
import type { EventBus } from './support/event-bus';
import type { Logger } from './support/logger';
import type { SecretBox } from './support/secret-box';

export interface SmtpOverride { url: string; label: string; demoMailbox: boolean }

export interface SmtpServiceDeps {
  db: Database;
  secrets: SecretBox;
  events: EventBus;
  logger: Logger;
  override: SmtpOverride | null;
  /** how long a send waits for the server (tests shorten them; SMTP_TIMEOUTS otherwise) */
  timeouts?: SmtpTimeouts;
  clock: Clock;
  /** the providers' authorization servers (the public clouds unless told otherwise) */
  oauthEndpoints?: OAuthEndpoints;
}

/** Seconds per accepted mail on one connection, as measured here (an average that follows change). */
const INITIAL_SECONDS_PER_MAIL = 0.2;

export class SmtpService {
  private current: MailSender | null = null;
  /** the access tokens of the stored OAuth settings (one-off sends and every batch share them); new settings, a new cache */
  private tokens: TokenCache | null = null;
  private secondsPerMail = INITIAL_SECONDS_PER_MAIL;
  private readonly mailWorker = createMailWorkerHost();

  constructor(private readonly deps: SmtpServiceDeps) {}

  get(): SmtpSettingsView {
    const s = readSmtpSettings(this.deps.db);
    const oauth = readSmtpOAuth(this.deps.db);
    const o = this.deps.override;
    return {
      host: s.host, port: s.port, security: s.security, user: s.user, passwordSet: s.passwordSealed !== '',
      fromAddress: s.fromAddress, fromName: s.fromName, ratePerMinute: s.ratePerMinute,
      overriddenBy: o ? o.label : null, demoMailbox: o?.demoMailbox ?? false,
      authMethod: oauth.authMethod, oauth: oauthView(oauth), expiry: credentialExpiry(oauth, this.deps.clock.now()),
    };
  }

  /** Saves the server, the sender and how to log in; a certificate or key file is checked first, secrets are sealed. */
  update(input: z.output<typeof smtpSettingsSchema>): SmtpSettingsView {
    const old = readSmtpSettings(this.deps.db);
    const passwordSealed = input.password === null ? old.passwordSealed : input.password === '' ? '' : this.deps.secrets.seal(input.password);
    const oauth = oauthRowToSave(readSmtpOAuth(this.deps.db), input, this.deps.secrets, this.deps.clock.now());
    writeSmtpSettingsWithOAuth(this.deps.db, {
      host: input.host, port: input.port, security: input.security, user: input.user, passwordSealed,
      fromAddress: input.fromAddress, fromName: input.fromName, ratePerMinute: input.ratePerMinute,
    }, oauth);
    this.current?.close();
    this.current = null;
    this.tokens = null;
    this.deps.logger.info('smtp settings changed', { host: input.host, port: input.port, security: input.security, authMethod: oauth.authMethod });
    this.deps.events.emit('settingsChanged', {});
    return this.get();
  }

  /**
   * 「テスト送信」: on failure the server's own answer is the message. With OAuth 2.0 it runs the
   * token step and the SMTP step one after the other and names the one that failed.
   */
  async test(to: string): Promise<{ response: string }> {
    const companyName = readSettings(this.deps.db).companyName;
    const mail = { to, subject: ja.mail.testSubject, text: ja.mail.testBody(companyName) };
    if (!this.usesOAuth()) return this.sendOrExplain(mail);
    const steps = ja.oauth.steps;
    try {
      const tokens = this.tokenProvider();
      tokens.forgetRefusal();
      await tokens.get();
    } catch (e) {
      throw new AppError('INTERNAL', ja.oauth.stepFailed(steps.token, whyTokenFailed(e)));
    }
    try {
      return await this.sender().send(mail);
    } catch (e) {
      // a token the server refused could not be renewed: the token step, again
      if (e instanceof MailSendError && e.step === 'token') throw new AppError('INTERNAL', ja.oauth.stepFailed(steps.token, e.answer));
      throw new AppError('INTERNAL', ja.oauth.stepFailed(steps.smtp, explainSendFailure(e, this.answerContext()).message));
    }
  }

  /** Sends through the current settings; failures become a Japanese AppError carrying the server's answer. */
  async sendOrExplain(mail: { to: string; subject: string; text: string }): Promise<{ response: string }> {
    try {
      return await this.sender().send(mail);
    } catch (e) {
      throw explainSendFailure(e, this.answerContext());
    }
  }

  /**
   * Before a batch: with OAuth 2.0, a token is fetched first, so that a refused client fails the
   * job once, with the provider's reason, before any row is claimed.
   */
  async readyForBatch(): Promise<void> {
    if (!this.usesOAuth()) return;
    try {
      await this.tokenProvider().get();
    } catch (e) {
      throw explainSendFailure(e, this.answerContext());
    }
  }

  /** An access token of the stored OAuth 2.0 settings (送信エラーの確認 logs in to IMAP with it too: one cache for both). */
  async accessToken(): Promise<string> {
    if (!this.usesOAuth()) throw new AppError('VALIDATION', ja.bounce.oauthNotSet);
    return (await this.tokenProvider().get()).accessToken;
  }

  /** What explanations of the server's answers may name (the method, the mailbox, the From address). */
  answerContext(): AnswerContext {
    const s = readSmtpSettings(this.deps.db);
    const oauth = readSmtpOAuth(this.deps.db);
    if (this.deps.override) return { method: 'password', user: '', fromAddress: s.fromAddress };
    return {
      method: oauth.authMethod, user: oauth.authMethod === 'password' ? s.user : oauth.oauthUser,
      fromAddress: s.fromAddress || (oauth.authMethod === 'password' ? '' : oauth.oauthUser),
    };
  }

  /** The domain our Message-IDs carry: the From address's, as the mail will have it. */
  messageDomain(): string {
    const s = readSmtpSettings(this.deps.db);
    if (s.fromAddress) return domainOf(s.fromAddress);
    const oauth = readSmtpOAuth(this.deps.db);
    return domainOf(oauth.authMethod !== 'password' && !this.deps.override ? oauth.oauthUser : 'focus-u@localhost');
  }

  /** The sender for one-off mails, kept while the settings stay the same. */
  sender(): MailSender {
    this.current ??= this.createSender();
    return this.current;
  }

  /** A pooled sender for a batch, its SMTP client in the mail worker thread; the caller closes it when the batch ends. */
  batchSender(maxConnections: number): MailSender {
    const target = this.target();
    return this.timed(this.mailWorker.openBatch({ target, pool: { maxConnections }, timeouts: this.timeouts }, this.tokensFor(target)));
  }

  /** 送信数の上限 (messages per minute, 0 = none) */
  ratePerMinute(): number {
    return readSmtpSettings(this.deps.db).ratePerMinute;
  }

  /** The measured time one connection needs per mail, for the bulk send's estimate. */
  measuredSecondsPerMail(): number {
    return this.secondsPerMail;
  }

  private get timeouts(): SmtpTimeouts {
    return this.deps.timeouts ?? SMTP_TIMEOUTS;
  }

  private createSender(): MailSender {
    const target = this.target();
    return this.timed(createMailSender(target, undefined, this.timeouts, this.tokensFor(target)));
  }

  private usesOAuth(): boolean {
    return !this.deps.override && readSmtpOAuth(this.deps.db).authMethod !== 'password';
  }

  private tokensFor(target: MailTarget): TokenCache | undefined {
    return 'oauthUser' in target ? this.tokenProvider() : undefined;
  }

  /** The token step of the stored OAuth settings (their secrets opened here, once per settings). */
  private tokenProvider(): TokenCache {
    this.tokens ??= createTokenProvider(
      openCredentials(readSmtpOAuth(this.deps.db), this.deps.secrets), this.deps.oauthEndpoints ?? DEFAULT_OAUTH_ENDPOINTS, this.deps.clock,
    );
    return this.tokens;
  }

  /** Where mail goes in this run: --smtp-url (or the demo mailbox), else the stored settings. */
  private target(): MailTarget {
    const s = readSmtpSettings(this.deps.db);
    const o = this.deps.override;
    if (o) return { url: o.url, fromAddress: s.fromAddress || 'focus-u@localhost', fromName: s.fromName || 'Focus U' };
    const oauth = readSmtpOAuth(this.deps.db);
    if (oauth.authMethod !== 'password') {
      if (!s.host || !oauth.oauthUser) throw new AppError('VALIDATION', ja.mail.notConfigured);
      // the mailbox logged in as is the natural From address (Exchange refuses another one without 「送信者として送信」)
      return { host: s.host, port: s.port, security: s.security, oauthUser: oauth.oauthUser, fromAddress: s.fromAddress || oauth.oauthUser, fromName: s.fromName };
    }
    if (!s.host || !s.fromAddress) throw new AppError('VALIDATION', ja.mail.notConfigured);
    return {
      host: s.host, port: s.port, security: s.security, user: s.user,
      password: s.passwordSealed ? this.deps.secrets.open(s.passwordSealed) : '',
      fromAddress: s.fromAddress, fromName: s.fromName,
    };
  }

  /** Measures each accepted mail, for the bulk send's estimate. */
  private timed(sender: MailSender): MailSender {
    return {
      ...sender,
      send: async (mail) => {
        const t0 = performance.now();
        const answer = await sender.send(mail);
        // an exponential moving average: recent sends count most, one slow mail does not dominate
        this.secondsPerMail = 0.9 * this.secondsPerMail + 0.1 * ((performance.now() - t0) / 1000);
        return answer;
      },
    };
  }

  async close(): Promise<void> {
    this.current?.close();
    this.current = null;
    this.tokens = null;
    await this.mailWorker.close();
  }
}

/**
 * A failed send in Japanese: the token step's reason (OAuth 2.0), or the SMTP server's answer —
 * explained where Microsoft's or Google's answer names a setting (`ctx` lets it name the mailbox).
 */
export function explainSendFailure(e: unknown, ctx?: AnswerContext): AppError {
  if (e instanceof AppError) return e;
  const provider = ctx && ctx.method !== 'password' ? ja.oauth.providerLabels[ctx.method] : 'OAuth 2.0';
  if (e instanceof TokenError) return new AppError('INTERNAL', ja.oauth.tokenFailed(provider, e.explanation));
  if (e instanceof MailSendError) {
    if (e.step === 'token') return new AppError('INTERNAL', ja.oauth.tokenFailed(provider, e.answer));
    if (e.timeoutMs !== undefined) return new AppError('INTERNAL', ja.mail.noAnswer(e.timeoutMs / 1000));
    const explained = explainSmtpAnswer(e.answer, ctx);
    if (explained) return new AppError('INTERNAL', `${explained}${ja.oauth.smtp.answer(e.answer)}`);
    return new AppError('INTERNAL', e.unreachable ? ja.mail.serverUnreachable(e.answer) : ja.mail.sendFailed(e.answer));
  }
  return new AppError('INTERNAL', ja.mail.sendFailed(String(e)));
}

/** The token step's reason alone (「テスト送信」 names the step itself). */
function whyTokenFailed(e: unknown): string {
  if (e instanceof TokenError) return e.explanation;
  if (e instanceof AppError) return e.message;
  return String(e);
}
