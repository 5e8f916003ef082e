/**
 * Sending one mail through the configured SMTP server with nodemailer. The answer of the
 * server is kept as it is (administrators need it to fix a refused login or address);
 * it never contains the mail's text, so it is safe to show and to store.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { SmtpSecurity } from '../../../db/queries/settings';

export interface SmtpConfig {
  host: string; port: number; security: SmtpSecurity; user: string; password: string;
  fromAddress: string; fromName: string;
}

export interface OutgoingMail { to: string; subject: string; text: string }

/** A refused or failed send: `permanent` for 5xx answers (retrying will not help). */
export class MailSendError extends Error {
  constructor(readonly answer: string, readonly permanent: boolean, readonly unreachable: boolean) {
    super(answer);
    this.name = 'MailSendError';
  }
}

export interface MailSender {
  send(mail: OutgoingMail): Promise<{ response: string }>;
  /** Connects and authenticates without sending (for 「テスト送信」's first step). */
  verify(): Promise<void>;
  close(): void;
}

/** `pool`: keep this many connections open for a batch (bulk sends); one-off sends need none. */
export function createMailSender(
  target: SmtpConfig | { url: string; fromAddress: string; fromName: string }, pool?: { maxConnections: number },
): MailSender {
  const pooling = pool ? { pool: true as const, maxConnections: pool.maxConnections, maxMessages: Infinity } : {};
  const transport: Transporter<SMTPTransport.SentMessageInfo> = 'url' in target
    ? nodemailer.createTransport({ url: target.url, ...pooling })
    : nodemailer.createTransport({
      ...pooling,
      host: target.host,
      port: target.port,
      secure: target.security === 'tls',
      requireTLS: target.security === 'starttls',
      ignoreTLS: target.security === 'none',
      auth: target.user ? { user: target.user, pass: target.password } : undefined,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    });
  const from = { name: target.fromName, address: target.fromAddress };
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail({
          from, to: mail.to, subject: mail.subject, text: mail.text,
          textEncoding: 'base64', // UTF-8 text survives any relay, 髙 and ① included
          disableFileAccess: true, disableUrlAccess: true,
        });
        if (info.rejected.length > 0) throw Object.assign(new Error(info.response), { responseCode: 550, response: info.response });
        return { response: info.response };
      } catch (e) {
        throw toMailSendError(e);
      }
    },
    async verify() {
      try {
        await transport.verify();
      } catch (e) {
        throw toMailSendError(e);
      }
    },
    close: () => transport.close(),
  };
}

function toMailSendError(e: unknown): MailSendError {
  if (e instanceof MailSendError) return e;
  const err = e as { response?: string; responseCode?: number; code?: string; message?: string };
  const answer = (err.response ?? err.message ?? String(e)).replace(/\s+/g, ' ').trim().slice(0, 500);
  const unreachable = ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED'].includes(err.code ?? '') && !err.responseCode;
  // The server's code decides (4xx: try again later, 5xx: never); without one, a refused login
  // or a malformed envelope will not get better by retrying.
  const permanent = err.responseCode !== undefined ? err.responseCode >= 500 : err.code === 'EAUTH' || err.code === 'EENVELOPE';
  return new MailSendError(answer, permanent, unreachable);
}
