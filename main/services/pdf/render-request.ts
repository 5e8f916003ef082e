import type { AdminPasswordNotice, NoticeContext, PasscodeNotice, PasswordNotice } from './notice-document';

export type RenderRequest = { id: number; title: string; context: NoticeContext } & (
  | { kind: 'password'; passwords: PasswordNotice[] }
  | { kind: 'passcode'; passcodes: PasscodeNotice[] }
  | { kind: 'adminPassword'; admins: AdminPasswordNotice[] }
);
export type RenderJob = RenderRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;
export type RenderReply = { id: number; ok: true; pdf: Uint8Array } | { id: number; ok: false; error: string };
