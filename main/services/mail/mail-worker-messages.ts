import type { MailTarget, OutgoingMail, SmtpTimeouts } from './mail-sender';

/** Where one batch's mail goes, and how many connections it keeps open. */
export interface BatchSetup {
  /** an OAuthSmtpConfig's tokens are asked of the main thread (MailWorkerTokenRequest) */
  target: MailTarget;
  pool: { maxConnections: number };
  timeouts?: SmtpTimeouts;
}
export type MailWorkerRequest =
  | { type: 'open'; batch: number; setup: BatchSetup }
  /** the mails handed over in one turn of the main thread's event loop travel in one message */
  | { type: 'send'; batch: number; mails: { id: number; mail: OutgoingMail }[] }
  | { type: 'close'; batch: number }
  /** the answer to a MailWorkerTokenRequest */
  | MailWorkerTokenAnswer;
export type MailWorkerTokenAnswer =
  | { type: 'token'; requestId: number; ok: true; accessToken: string; generation: number }
  | { type: 'token'; requestId: number; ok: false; explanation: string; refusal: boolean };
/**
 * A connection of the batch is about to log in with XOAUTH2 and needs a token (`renewGeneration`
 * null), or the server refused the token of that generation. The main thread's TokenCache answers,
 * so one-off sends and every batch share one token and one renewal.
 */
export interface MailWorkerTokenRequest { type: 'tokenRequest'; batch: number; requestId: number; renewGeneration: number | null }
/** Replies travel in arrays too: those of a few ms in one message (GATHER_REPLIES_MS). */
export type MailWorkerReply =
  | { id: number; ok: true; response: string }
  | {
    id: number; ok: false; answer: string; permanent: boolean; unreachable: boolean; timeoutMs?: number; mayHaveArrived: boolean;
    step: 'smtp' | 'token';
  };
