import { stmt } from '../statement-cache';
import type { Database } from 'better-sqlite3';

export type JobItemState = 'pending' | 'sending' | 'sent' | 'failed' | 'excluded' | 'uncertain';

export interface JobItemRow {
  position: number; employeeId: number | null; loginId: string; name: string; address: string;
  state: JobItemState; attempts: number; note: string;
}

export interface JobItem { employeeId: number | null; loginId: string; name: string; address: string; state: JobItemState; note: string }

/** A new job, not yet stored whole: its rows follow (insertJobItems), then markJobStored. */
export function insertJob(db: Database, id: string, now: number): void {
  stmt(db, 'INSERT INTO mail_jobs (id, created_at, stored) VALUES (?, ?, 0)').run(id, now);
}

/** Rows of a job from `firstPosition` on: `itemsJson` is JobItem[] as JSON, read by SQLite itself. */
export function insertJobItems(db: Database, id: string, firstPosition: number, itemsJson: string): void {
  stmt(db, `INSERT INTO mail_job_items (job_id, position, employee_id, login_id, name, address, state, note)
    SELECT :jobId, :first + key, value ->> '$.employeeId', value ->> '$.loginId', value ->> '$.name', value ->> '$.address',
      value ->> '$.state', value ->> '$.note'
    FROM json_each(:items)`).run({ jobId: id, first: firstPosition, items: itemsJson });
}

/** Its last row is in: from now on it is a job. */
export function markJobStored(db: Database, id: string): void {
  stmt(db, 'UPDATE mail_jobs SET stored = 1 WHERE id = ?').run(id);
}

/** Jobs whose rows were still being stored when the app stopped (or when storing failed), with their rows. */
export function removeUnstoredJobs(db: Database, id?: string): number {
  return id === undefined
    ? stmt(db, 'DELETE FROM mail_jobs WHERE stored = 0').run().changes
    : stmt(db, 'DELETE FROM mail_jobs WHERE stored = 0 AND id = ?').run(id).changes;
}

const ITEM_COLUMNS = `position, employee_id AS employeeId, login_id AS loginId, name, address, state, attempts, note`;

/** Up to `limit` rows of the job after `afterPosition`, in order (a long job is read a page at a time). */
export function selectJobItemsAfter(db: Database, jobId: string, afterPosition: number, limit: number): JobItemRow[] {
  return stmt(db, `SELECT ${ITEM_COLUMNS} FROM mail_job_items WHERE job_id = ? AND position > ? ORDER BY position LIMIT ?`)
    .all(jobId, afterPosition, limit) as JobItemRow[];
}

/** The rows not yet sent, failed with `note` (the job could not start: no connection, a refused token). */
export function failPendingItems(db: Database, jobId: string, note: string): void {
  stmt(db, `UPDATE mail_job_items SET state = 'failed', note = ? WHERE job_id = ? AND state = 'pending'`).run(note, jobId);
}

export function jobExists(db: Database, jobId: string): boolean {
  return stmt(db, 'SELECT 1 FROM mail_jobs WHERE id = ? AND stored = 1').get(jobId) !== undefined;
}

/** Takes the next pending row for sending: it is marked 'sending' before its mail goes out. */
const CLAIM_NEXT = `UPDATE mail_job_items SET state = 'sending', attempts = attempts + 1
  WHERE job_id = :jobId AND position = (
    SELECT position FROM mail_job_items WHERE job_id = :jobId AND state = 'pending' ORDER BY position LIMIT 1)
  RETURNING ${ITEM_COLUMNS}`;

export function claimNextItem(db: Database, jobId: string): JobItemRow | undefined {
  return stmt(db, CLAIM_NEXT).get({ jobId }) as JobItemRow | undefined;
}

export function setItemState(db: Database, jobId: string, position: number, state: JobItemState, note = ''): void {
  stmt(db, 'UPDATE mail_job_items SET state = ?, note = ? WHERE job_id = ? AND position = ?').run(state, note, jobId, position);
}

/** Rows of a job whose mail the server accepted, in one statement: as setItemState(…, 'sent') for each. */
export function setItemsSent(db: Database, jobId: string, positions: readonly number[]): void {
  stmt(db, `UPDATE mail_job_items SET state = 'sent', note = '' WHERE job_id = ? AND position IN (SELECT value FROM json_each(?))`)
    .run(jobId, JSON.stringify(positions));
}

export function finishJob(db: Database, jobId: string, now: number): void {
  stmt(db, 'UPDATE mail_jobs SET finished_at = ? WHERE id = ? AND finished_at IS NULL').run(now, jobId);
}

export function selectUnfinishedJobIds(db: Database): string[] {
  return (stmt(db, 'SELECT id FROM mail_jobs WHERE finished_at IS NULL AND stored = 1 ORDER BY created_at').all() as { id: string }[]).map((r) => r.id);
}

export function selectLatestJobId(db: Database): string | undefined {
  return (stmt(db, 'SELECT id FROM mail_jobs WHERE stored = 1 ORDER BY created_at DESC, rowid DESC LIMIT 1').get() as { id: string } | undefined)?.id;
}

/**
 * After a crash: a row left 'sending' may or may not have reached the SMTP server; its link was
 * stored with its claim, so it works either way. It is never sent again automatically (no
 * employee gets two mails from one batch); it is reported so the administrator can decide.
 */
export function settleInterruptedItems(db: Database, jobId: string, note: string): number {
  return stmt(db, `UPDATE mail_job_items SET state = 'uncertain', note = ? WHERE job_id = ? AND state = 'sending'`).run(note, jobId).changes;
}

export function countAttempt(db: Database, jobId: string, position: number): void {
  stmt(db, 'UPDATE mail_job_items SET attempts = attempts + 1 WHERE job_id = ? AND position = ?').run(jobId, position);
}

export function hasPendingItem(db: Database, jobId: string): boolean {
  return stmt(db, `SELECT 1 FROM mail_job_items WHERE job_id = ? AND state = 'pending' LIMIT 1`).get(jobId) !== undefined;
}

/** How many rows of the job are in each state (cheap: the progress line asks after every mail). */
export function countJobItems(db: Database, jobId: string): Record<JobItemState, number> {
  const counts: Record<JobItemState, number> = { pending: 0, sending: 0, sent: 0, failed: 0, excluded: 0, uncertain: 0 };
  const rows = stmt(db, 'SELECT state, count(*) AS n FROM mail_job_items WHERE job_id = ? GROUP BY state').all(jobId) as
    { state: JobItemState; n: number }[];
  for (const r of rows) counts[r.state] = r.n;
  return counts;
}
