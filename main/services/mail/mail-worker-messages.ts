import type { OutgoingMail, SmtpConfig, SmtpTimeouts } from './mail-sender';

/** Where one batch's mail goes, and how many connections it keeps open. */
export interface BatchSetup {
  target: SmtpConfig | { url: string; fromAddress: string; fromName: string };
  pool: { maxConnections: number };
  timeouts?: SmtpTimeouts;
}
export type MailWorkerRequest =
  | { type: 'open'; batch: number; setup: BatchSetup }
  /** the mails handed over in one turn of the main thread's event loop travel in one message */
  | { type: 'send'; batch: number; mails: { id: number; mail: OutgoingMail }[] }
  | { type: 'close'; batch: number };
/** Replies travel in arrays too: one message per turn of the worker's event loop. */
export type MailWorkerReply =
  | { id: number; ok: true; response: string }
  | { id: number; ok: false; answer: string; permanent: boolean; unreachable: boolean; timeoutMs?: number; mayHaveArrived: boolean };
