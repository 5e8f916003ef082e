/**
 * Delivery reports (送信エラー / 配信遅延) matched to our mails: finding the mail a report is about,
 * recording what it said on that mail's history row, the employees' marks, and how far the watched
 * mailbox has been read.
 */
import type { Database } from 'better-sqlite3';
import { stmt } from '../statement-cache';
import { refreshBounceMark } from './mail';

export type BounceKind = 'failed' | 'delayed';

export interface SentMailRow {
  id: number; employeeId: number; address: string; sentAt: number; jobId: string | null; bounceKind: BounceKind | null;
}

const SENT_COLUMNS = `id, employee_id AS employeeId, address, sent_at AS sentAt, job_id AS jobId, bounce_kind AS bounceKind`;

/** Our mail with this Message-ID (one at most: the column is unique). */
export function selectMailByMessageId(db: Database, messageId: string): SentMailRow | undefined {
  return stmt(db, `SELECT ${SENT_COLUMNS} FROM mail_history WHERE message_id = ?`).get(messageId) as SentMailRow | undefined;
}

/** Our mails to this address sent within [from, to] that went out (or may have): the candidates of a report without a Message-ID. */
export function selectMailsTo(db: Database, address: string, from: number, to: number): SentMailRow[] {
  return stmt(db, `SELECT ${SENT_COLUMNS} FROM mail_history
    WHERE address = ? COLLATE NOCASE AND sent_at BETWEEN ? AND ? AND result <> 'failed' ORDER BY id LIMIT 10`)
    .all(address, from, to) as SentMailRow[];
}

/**
 * What a report said about one of our mails. A permanent failure is final: a later notice of delay
 * (or the same report read again) does not replace it. Returns whether anything changed; the
 * employee's mark follows in the same transaction.
 */
export function recordBounce(
  db: Database, historyId: number, r: { kind: BounceKind; status: string; diagnostic: string; at: number },
): { changed: boolean; employeeId: number } | undefined {
  const row = stmt(db, `UPDATE mail_history SET bounce_kind = @kind, bounce_status = @status, bounce_diagnostic = @diagnostic, bounce_at = @at
    WHERE id = @id AND (bounce_kind IS NULL OR (bounce_kind = 'delayed' AND (@kind = 'failed' OR bounce_at < @at)))
    RETURNING employee_id AS employeeId`).get({ ...r, id: historyId }) as { employeeId: number } | undefined;
  if (row) {
    refreshBounceMark(db, row.employeeId);
    return { changed: true, employeeId: row.employeeId };
  }
  const existing = stmt(db, 'SELECT employee_id AS employeeId FROM mail_history WHERE id = ?').get(historyId) as { employeeId: number } | undefined;
  return existing ? { changed: false, employeeId: existing.employeeId } : undefined;
}

export interface BounceMark { kind: BounceKind; status: string; diagnostic: string; at: number }

/** The marks of these employees (a grid page), with what their reports said. */
export function selectBounceMarks(db: Database, employeeIds: readonly number[]): Map<number, BounceMark> {
  const marks = new Map<number, BounceMark>();
  if (employeeIds.length === 0) return marks;
  const rows = stmt(db, `SELECT m.employee_id AS employeeId, m.kind, h.bounce_status AS status, h.bounce_diagnostic AS diagnostic, h.bounce_at AS at
    FROM mail_bounce_marks m JOIN mail_history h ON h.id = m.history_id
    WHERE m.employee_id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(employeeIds)) as (BounceMark & { employeeId: number })[];
  for (const { employeeId, ...mark } of rows) marks.set(employeeId, mark);
  return marks;
}

/** The reports of a bulk job's mails so far: permanent failures by employee. */
export function selectJobBounces(db: Database, jobId: string): Map<number, { status: string; diagnostic: string; at: number }> {
  const rows = stmt(db, `SELECT employee_id AS employeeId, bounce_status AS status, bounce_diagnostic AS diagnostic, bounce_at AS at
    FROM mail_history WHERE job_id = ? AND bounce_kind = 'failed'`).all(jobId) as { employeeId: number; status: string; diagnostic: string; at: number }[];
  return new Map(rows.map(({ employeeId, ...b }) => [employeeId, b]));
}

export function countJobBounces(db: Database, jobId: string): number {
  return (stmt(db, `SELECT count(*) AS n FROM mail_history WHERE job_id = ? AND bounce_kind = 'failed'`).get(jobId) as { n: number }).n;
}

export interface MailboxState { mailboxKey: string; uidValidity: string; lastUid: number }

export function readMailboxState(db: Database): MailboxState | undefined {
  return stmt(db, 'SELECT mailbox_key AS mailboxKey, uid_validity AS uidValidity, last_uid AS lastUid FROM bounce_mailbox_state WHERE id = 1')
    .get() as MailboxState | undefined;
}

export function writeMailboxState(db: Database, s: MailboxState): void {
  stmt(db, `INSERT INTO bounce_mailbox_state (id, mailbox_key, uid_validity, last_uid) VALUES (1, @mailboxKey, @uidValidity, @lastUid)
    ON CONFLICT (id) DO UPDATE SET mailbox_key = excluded.mailbox_key, uid_validity = excluded.uid_validity, last_uid = excluded.last_uid`).run(s);
}
