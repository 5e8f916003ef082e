/**
 * 基本設定 › メール送信: the SMTP server, its password sealed at rest, 「テスト送信」, and the
 * one MailSender the rest of the app uses. `--smtp-url` (or the demo mailbox) overrides
 * the stored settings for this run.
 */
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { SmtpSettingsView } from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import type { smtpSettingsSchema } from '../../preload/schemas';
import { readSettings, readSmtpSettings, writeSmtpSettings } from '../../db/queries/settings';
import { createMailSender, MailSendError, SMTP_TIMEOUTS, type MailSender, type SmtpTimeouts } from './mail/mail-sender';
import { createMailWorkerHost } from './mail/worker-mail-sender';
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
}

/** Seconds per accepted mail on one connection, as measured here (an average that follows change). */
const INITIAL_SECONDS_PER_MAIL = 0.2;

export class SmtpService {
  private current: MailSender | null = null;
  private secondsPerMail = INITIAL_SECONDS_PER_MAIL;
  private readonly mailWorker = createMailWorkerHost();

  constructor(private readonly deps: SmtpServiceDeps) {}

  get(): SmtpSettingsView {
    const s = readSmtpSettings(this.deps.db);
    const o = this.deps.override;
    return {
      host: s.host, port: s.port, security: s.security, user: s.user, passwordSet: s.passwordSealed !== '',
      fromAddress: s.fromAddress, fromName: s.fromName, ratePerMinute: s.ratePerMinute,
      overriddenBy: o ? o.label : null, demoMailbox: o?.demoMailbox ?? false,
    };
  }

  update(input: z.output<typeof smtpSettingsSchema>): SmtpSettingsView {
    const old = readSmtpSettings(this.deps.db);
    const passwordSealed = input.password === null ? old.passwordSealed : input.password === '' ? '' : this.deps.secrets.seal(input.password);
    writeSmtpSettings(this.deps.db, {
      host: input.host, port: input.port, security: input.security, user: input.user, passwordSealed,
      fromAddress: input.fromAddress, fromName: input.fromName, ratePerMinute: input.ratePerMinute,
    });
    this.current?.close();
    this.current = null;
    this.deps.logger.info('smtp settings changed', { host: input.host, port: input.port, security: input.security });
    this.deps.events.emit('settingsChanged', {});
    return this.get();
  }

  /** 「テスト送信」: on failure the server's own answer is the message. */
  async test(to: string): Promise<{ response: string }> {
    const companyName = readSettings(this.deps.db).companyName;
    return this.sendOrExplain({ to, subject: ja.mail.testSubject, text: ja.mail.testBody(companyName) });
  }

  /** Sends through the current settings; failures become a Japanese AppError carrying the server's answer. */
  async sendOrExplain(mail: { to: string; subject: string; text: string }): Promise<{ response: string }> {
    try {
      return await this.sender().send(mail);
    } catch (e) {
      throw explainSendFailure(e);
    }
  }

  /** The sender for one-off mails, kept while the settings stay the same. */
  sender(): MailSender {
    this.current ??= this.createSender();
    return this.current;
  }

  /** A pooled sender for a batch, its SMTP client in the mail worker thread; the caller closes it when the batch ends. */
  batchSender(maxConnections: number): MailSender {
    return this.timed(this.mailWorker.openBatch({ target: this.target(), pool: { maxConnections }, timeouts: this.timeouts }));
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
    return this.timed(createMailSender(this.target(), undefined, this.timeouts));
  }

  /** Where mail goes in this run: --smtp-url (or the demo mailbox), else the stored settings. */
  private target(): Parameters<typeof createMailSender>[0] {
    const s = readSmtpSettings(this.deps.db);
    const o = this.deps.override;
    if (o) return { url: o.url, fromAddress: s.fromAddress || 'focus-u@localhost', fromName: s.fromName || 'Focus U' };
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
    await this.mailWorker.close();
  }
}

export function explainSendFailure(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof MailSendError) {
    if (e.timeoutMs !== undefined) return new AppError('INTERNAL', ja.mail.noAnswer(e.timeoutMs / 1000));
    return new AppError('INTERNAL', e.unreachable ? ja.mail.serverUnreachable(e.answer) : ja.mail.sendFailed(e.answer));
  }
  return new AppError('INTERNAL', ja.mail.sendFailed(String(e)));
}
