import type { AdminPasswordNotice, NoticeContext, PasscodeNotice, PasswordNotice } from './notice-document';

/** A notice to render: its kind, and each page's employee (or administrator) with the secret printed. */
export type RenderJob = { title: string; context: NoticeContext } & (
  | { kind: 'password'; passwords: PasswordNotice[] }
  | { kind: 'passcode'; passcodes: PasscodeNotice[] }
  | { kind: 'adminPassword'; admins: AdminPasswordNotice[] }
);

/**
 * The job as it crosses to the worker: the pages as one JSON string, written a piece at a time on
 * the main thread. Posted as objects, 20,000 pages were cloned in one turn of the main loop (46 ms);
 * a string crosses as one copy.
 */
export interface RenderRequest {
  kind: RenderJob['kind']; title: string; context: NoticeContext; pagesPerPiece?: number;
  /** JSON: PasswordNotice[] | PasscodeNotice[] | AdminPasswordNotice[], as `kind` says */
  pages: string;
}

export const pagesOf = (job: RenderJob): readonly unknown[] =>
  job.kind === 'password' ? job.passwords : job.kind === 'passcode' ? job.passcodes : job.admins;
