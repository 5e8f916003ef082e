import type { OutgoingMail, SmtpConfig } from './mail-sender';

export interface MailWorkerSetup {
  target: SmtpConfig | { url: string; fromAddress: string; fromName: string };
  pool: { maxConnections: number };
}
export type MailWorkerRequest = { type: 'send'; id: number; mail: OutgoingMail } | { type: 'close' };
export type MailWorkerReply =
  | { id: number; ok: true; response: string }
  | { id: number; ok: false; answer: string; permanent: boolean; unreachable: boolean };
