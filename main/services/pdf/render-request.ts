import type { AdminPasswordNotice, NoticeContext, PasscodeNotice, PasswordNotice } from './notice-document';

export type RenderRequest = { id: number; title: string; context: NoticeContext; pagesPerPiece?: number } & (
  | { kind: 'password'; passwords: PasswordNotice[] }
  | { kind: 'passcode'; passcodes: PasscodeNotice[] }
  | { kind: 'adminPassword'; admins: AdminPasswordNotice[] }
);
export type RenderJob = RenderRequest extends infer R ? (R extends unknown ? Omit<R, 'id' | 'pagesPerPiece'> : never) : never;
/** A piece of the notice is rendered (`progress`: pages so far), then the whole notice or why not. */
export type RenderReply =
  | { id: number; progress: number }
  | { id: number; ok: true; pdf: Uint8Array }
  | { id: number; ok: false; error: string };
