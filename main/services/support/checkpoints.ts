/**
 * Named points inside work that must survive a crash at any instant. In production nothing
 * listens; a crash test's child process installs a hook that announces the point and freezes
 * there, so the test can kill it exactly at that point (never after a guessed sleep).
 */
export type Checkpoint =
  | 'pdf.reserved' // the notice's secrets are pending; not a byte has left
  | 'pdf.delivered' // the notice was written / sent; nothing recorded yet
  | 'pdf.completing' // inside the transaction that puts the secrets in force
  | 'pdf.completed' // that transaction is committed
  | 'accountMail.reserved' // the new password is pending; the mail has not left
  | 'accountMail.accepted' // the SMTP server accepted the mail; nothing recorded yet
  | 'accountMail.completing' // inside the transaction that puts the password in force
  | 'bulkMail.storingRows' // a piece of a new job's rows is stored; the job is not yet whole
  | 'bulkMail.accepted'; // a bulk row's mail was accepted; its outcome is not committed yet

type Hook = (point: Checkpoint) => void;
let hook: Hook | null = null;

export function checkpoint(point: Checkpoint): void {
  hook?.(point);
}

/** For crash tests only. */
export function setCheckpointHook(h: Hook | null): void {
  hook = h;
}
