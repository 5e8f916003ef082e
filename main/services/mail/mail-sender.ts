/**
 * Sending one mail through the configured SMTP server with nodemailer. The answer of the
 * server is kept as it is (administrators need it to fix a refused login or address);
 * it never contains the mail's text, so it is safe to show and to store.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { SmtpSecurity } from '../../../db/queries/settings';
import type { HandedToken } from './oauth/token-cache';
import { TokenError } from './oauth/token-errors';
import { randomHex } from '../support/random-pool';

export interface SmtpConfig {
  host: string; port: number; security: SmtpSecurity; user: string; password: string;
  fromAddress: string; fromName: string;
}

/** XOAUTH2 (OAuth 2.0): logs in as `oauthUser` with an access token from a TokenSource. */
export interface OAuthSmtpConfig {
  host: string; port: number; security: SmtpSecurity; oauthUser: string;
  fromAddress: string; fromName: string;
}

export type MailTarget = SmtpConfig | OAuthSmtpConfig | { url: string; fromAddress: string; fromName: string };

/** Access tokens for XOAUTH2 (a TokenCache on the main thread, or the mail worker's messenger to it). */
export interface TokenSource {
  get(): Promise<HandedToken>;
  /** the server refused the token of `generation`: a newer one */
  renew(generation: number): Promise<HandedToken>;
}

/** `messageId`: ours, stored with the mail's history row before it leaves (a delivery report quotes it back) */
export interface OutgoingMail { to: string; subject: string; text: string; messageId?: string }

/** How long a send waits for the server, in ms (nodemailer's own options of the same names). */
export interface SmtpTimeouts { connectionTimeout: number; greetingTimeout: number; socketTimeout: number }

/**
 * Every transport gets these (stored settings, --smtp-url, the demo mailbox); nodemailer's own
 * defaults are 2 minutes to connect and 10 minutes of silence, so a server that accepts and never
 * answers (a tarpit, a firewall that swallows packets) would hold the administrator's send that long.
 * - connectionTimeout 15 s: the TCP connection (and, as nodemailer counts it, the greeting and
 *   STARTTLS after it) — a server on the LAN or in the cloud connects within a second or two.
 * - greetingTimeout 15 s: the server's 220 greeting once connected.
 * - socketTimeout 60 s: silence in the middle of a conversation — the longest wait is the answer
 *   to the end of DATA, which content scanners (Microsoft 365, in-house antivirus) can stretch to
 *   tens of seconds on a busy day.
 * A `?socketTimeout=…` (and the like) in --smtp-url still wins, as nodemailer's URL options do.
 */
export const SMTP_TIMEOUTS: SmtpTimeouts = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/**
 * A refused or failed send: `permanent` for 5xx answers (retrying will not help);
 * `timeoutMs` when the server stopped answering and the send gave up after that long;
 * `mayHaveArrived` when it fell silent in the middle of the conversation — most often while
 * checking the message after DATA, when it may well have taken it: what the mail carries must
 * keep working (its link, its password), and the outcome is reported as uncertain.
 */
export class MailSendError extends Error {
  constructor(
    readonly answer: string, readonly permanent: boolean, readonly unreachable: boolean, readonly timeoutMs?: number,
    readonly mayHaveArrived = false,
    /** 'token': no access token could be had (OAuth 2.0); `answer` is then the explanation, in Japanese */
    readonly step: 'smtp' | 'token' = 'smtp',
  ) {
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

/** `pool`: keep this many connections open for a batch (bulk sends); one-off sends need none. `tokens`: for an OAuthSmtpConfig. */
export function createMailSender(
  target: MailTarget, pool?: { maxConnections: number }, timeouts: SmtpTimeouts = SMTP_TIMEOUTS, tokens?: TokenSource,
): MailSender {
  const pooling = pool ? { pool: true as const, maxConnections: pool.maxConnections, maxMessages: Infinity } : {};
  const oauth = 'oauthUser' in target ? xoauth2(target.oauthUser, tokens) : null;
  const password = 'user' in target && target.user ? { user: target.user, pass: target.password } : undefined;
  const transport: Transporter<SMTPTransport.SentMessageInfo> = 'url' in target
    ? nodemailer.createTransport({ url: target.url, ...timeouts, ...pooling })
    : nodemailer.createTransport({
      ...pooling,
      ...timeouts,
      host: target.host,
      port: target.port,
      secure: target.security === 'tls',
      requireTLS: target.security === 'starttls',
      ignoreTLS: target.security === 'none',
      auth: oauth ? oauth.auth : password,
    });
  const toMailSendError = (e: unknown) => toSendError(e, timeouts);
  const from = { name: target.fromName, address: target.fromAddress };
  const attempt = <T>(work: () => Promise<T>) => (oauth ? oauth.withRenewal(work) : work());
  return {
    async send(mail) {
      try {
        return await attempt(async () => {
          const info = await transport.sendMail({
            from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId,
            textEncoding: 'base64', // UTF-8 text survives any relay, 髙 and ① included
            disableFileAccess: true, disableUrlAccess: true,
            ...boundaryFromPool(),
          });
          if (info.rejected.length > 0) throw Object.assign(new Error(info.response), { responseCode: 550, response: info.response });
          return { response: info.response };
        });
      } catch (e) {
        throw toMailSendError(e);
      }
    },
    async verify() {
      try {
        await attempt(() => transport.verify());
      } catch (e) {
        throw toMailSendError(e);
      }
    },
    close: () => transport.close(),
  };
}

/**
 * The random part of the mail's MIME boundaries, from our pool: nodemailer otherwise asks the
 * system's CSPRNG for it (randomBytes(8)) for every mail — one system call a mail, ~20 µs of the
 * mail worker's time in a bulk job (CPU profile), for a boundary a single-part mail never uses.
 * MailComposer hands the message's `baseBoundary` to its MIME tree (mime-node: "shared part of the
 * unique multipart boundary"); @types/nodemailer does not list it among a message's options.
 */
const boundaryFromPool = () => ({ baseBoundary: randomHex(8) }) as object;

/**
 * nodemailer's XOAUTH2 with our tokens. nodemailer keeps a copy of the token per connection; it is
 * told the copy is stale at once, so each new connection asks the TokenSource (which caches), and
 * one place decides when a token is reused or renewed.
 * A refused token is renewed once and the mail tried again: Google challenges (334) and nodemailer
 * renews by itself; Microsoft answers 535 at once and the renewal happens here. Either way the
 * refusal came before MAIL FROM, so the mail was not sent and goes exactly once.
 */
function xoauth2(user: string, tokens: TokenSource | undefined) {
  if (!tokens) throw new Error('XOAUTH2 needs a token source');
  let handed = 0; // the generation of the token last handed to nodemailer
  let renewals = 0; // renewals nodemailer asked for after a challenge
  const STALE = 1; // an expiry in the past (ms since 1970): "ask again next time"
  const provisionCallback = (_user: string, renew: boolean, done: (err: Error | null, accessToken: string, expires: number) => void) => {
    if (renew) renewals++;
    (renew ? tokens.renew(handed) : tokens.get()).then(
      (t) => {
        handed = Math.max(handed, t.generation);
        done(null, t.accessToken, STALE);
      },
      (e: unknown) => done(e instanceof Error ? e : new Error(String(e)), '', 0),
    );
  };
  return {
    auth: { type: 'OAuth2' as const, user, provisionCallback },
    async withRenewal<T>(work: () => Promise<T>): Promise<T> {
      const renewalsBefore = renewals;
      try {
        return await work();
      } catch (e) {
        if (!tokenRefused(e)) throw e;
        if (renewals === renewalsBefore) await tokens.renew(handed);
        return work();
      }
    },
  };
}

/** A 535 to AUTH XOAUTH2 that may be the token's fault (expired, revoked): not 5.7.139, which names a setting of the mailbox or tenant. */
function tokenRefused(e: unknown): boolean {
  if (e instanceof TokenError) return false;
  const err = e as { code?: string; responseCode?: number; response?: string; command?: string };
  return err.code === 'EAUTH' && err.responseCode === 535 && !/5\.7\.139/.test(err.response ?? '');
}

function toSendError(e: unknown, timeouts: SmtpTimeouts): MailSendError {
  if (e instanceof MailSendError) return e;
  // nodemailer hands the token step's own error through (with code EAUTH added)
  if (e instanceof TokenError) return new MailSendError(e.explanation, e.refusal, false, undefined, false, 'token');
  const err = e as { response?: string; responseCode?: number; code?: string; message?: string; timeoutType?: string };
  const answer = (err.response ?? err.message ?? String(e)).replace(/\s+/g, ' ').trim().slice(0, 500);
  const unreachable = ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED'].includes(err.code ?? '') && !err.responseCode;
  // The server's code decides (4xx: try again later, 5xx: never); without one, a refused login
  // or a malformed envelope will not get better by retrying.
  const permanent = err.responseCode !== undefined ? err.responseCode >= 500 : err.code === 'EAUTH' || err.code === 'EENVELOPE';
  return new MailSendError(answer, permanent, unreachable, timeoutOf(err.timeoutType, timeouts), err.timeoutType === 'SOCKET_TIMEOUT');
}

/** Which of the waits ran out (nodemailer names it in `timeoutType`), as the time waited. */
function timeoutOf(type: string | undefined, t: SmtpTimeouts): number | undefined {
  switch (type) {
    case 'CONNECT_TIMEOUT': return t.connectionTimeout;
    // the greeting and a STARTTLS upgrade are cut short by what is left of the connection's time
    case 'GREETING_TIMEOUT':
    case 'UPGRADE_TIMEOUT': return Math.min(t.greetingTimeout, t.connectionTimeout);
    case 'SOCKET_TIMEOUT': return t.socketTimeout;
    default: return undefined;
  }
}
