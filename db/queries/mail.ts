import { stmt } from '../statement-cache';
import type { Database } from 'better-sqlite3';

export type MailKind = 'verification' | 'account';

import type { MailResult } from '../../preload/domain-types';

export type { MailResult };

export interface MailHistoryRow {
  sentAt: number; address: string; kind: MailKind; result: MailResult; detail: string;
  /** a delivery report read for this mail (送信エラー / 配信遅延), else null */
  bounceKind: 'failed' | 'delayed' | null; bounceStatus: string; bounceDiagnostic: string; bounceAt: number | null;
}

/**
 * A mail about to leave ('sending'), with the Message-ID it will carry (so that a delivery report
 * can be matched to it) and the bulk job it belongs to. A new mail ends the employee's 送信エラー
 * mark: the administrator has corrected the address and sent again (should the server refuse it,
 * setMailResult puts the mark back).
 */
export function insertMailHistory(
  db: Database,
  e: { employeeId: number; kind: MailKind; address: string; sentAt: number; result: MailResult; detail: string; messageId?: string | null; jobId?: string | null },
): number {
  const id = Number(stmt(db, `INSERT INTO mail_history (employee_id, kind, address, sent_at, result, detail, message_id, job_id)
    VALUES (@employeeId, @kind, @address, @sentAt, @result, @detail, @messageId, @jobId)`)
    .run({ messageId: null, jobId: null, ...e }).lastInsertRowid);
  // a mail that goes out (or may have) is now the latest, with no report yet: the mark goes. A mail
  // recorded as refused leaves the latest one as it was; refreshing then is the general rule.
  if (e.result === 'failed') refreshBounceMark(db, e.employeeId);
  else clearBounceMark(db, e.employeeId);
  return id;
}

export function setMailResult(db: Database, id: number, result: MailResult, detail = ''): void {
  const r = stmt(db, 'UPDATE mail_history SET result = ?, detail = ? WHERE id = ? RETURNING employee_id AS employeeId')
    .get(result, detail, id) as { employeeId: number } | undefined;
  if (r && result === 'failed') refreshBounceMark(db, r.employeeId);
}

/** Mails the SMTP server accepted, in one statement (a bulk job's shared commit): as setMailResult(id, 'sent') for each. */
export function setMailsSent(db: Database, ids: readonly number[]): void {
  stmt(db, `UPDATE mail_history SET result = 'sent', detail = '' WHERE id IN (SELECT value FROM json_each(?))`).run(JSON.stringify(ids));
}

/**
 * The employee's mark is the report of its latest mail that went out (or may have): set when that
 * mail came back, gone when a newer mail is on its way. One statement each, inside the caller's
 * transaction.
 */
export function refreshBounceMark(db: Database, employeeId: number): void {
  clearBounceMark(db, employeeId);
  stmt(db, `INSERT INTO mail_bounce_marks (employee_id, history_id, kind)
    SELECT employee_id, id, bounce_kind FROM (
      SELECT employee_id, id, bounce_kind FROM mail_history WHERE employee_id = ? AND result <> 'failed' ORDER BY id DESC LIMIT 1
    ) WHERE bounce_kind IS NOT NULL`).run(employeeId);
}

function clearBounceMark(db: Database, employeeId: number): void {
  stmt(db, 'DELETE FROM mail_bounce_marks WHERE employee_id = ?').run(employeeId);
}

/** At start-up (the data folder is ours alone): a mail still 'sending' was caught by a crash. */
export function settleInterruptedMails(db: Database): number {
  return stmt(db, `UPDATE mail_history SET result = 'uncertain' WHERE result = 'sending'`).run().changes;
}

/** Whether the employee's latest verification mail may or may not have gone out (a crash caught it). */
export function lastVerificationMailUncertain(db: Database, employeeId: number): boolean {
  const r = stmt(db, `SELECT result FROM mail_history WHERE employee_id = ? AND kind = 'verification'
    ORDER BY sent_at DESC, id DESC LIMIT 1`).get(employeeId) as { result: MailResult } | undefined;
  return r?.result === 'uncertain';
}

export function selectMailHistory(db: Database, employeeId: number): MailHistoryRow[] {
  return stmt(db, `SELECT sent_at AS sentAt, address, kind, result, detail, bounce_kind AS bounceKind,
    bounce_status AS bounceStatus, bounce_diagnostic AS bounceDiagnostic, bounce_at AS bounceAt FROM mail_history
    WHERE employee_id = ? ORDER BY sent_at DESC, id DESC LIMIT 200`).all(employeeId) as MailHistoryRow[];
}

export function insertLink(
  db: Database, l: { employeeId: number; tokenHash: string; address: string; sentAt: number; expiresAt: number },
): number {
  return Number(stmt(db, `INSERT INTO verification_links (employee_id, token_hash, address, issuance_started_at, sent_at, expires_at)
    VALUES (@employeeId, @tokenHash, @address, @sentAt, @sentAt, @expiresAt)`).run(l).lastInsertRowid);
}

export function selectLinkById(db: Database, id: number): LinkRow | undefined {
  return stmt(db, `SELECT id, employee_id AS employeeId, address, sent_at AS sentAt, expires_at AS expiresAt,
    used_at AS usedAt, revoked_at AS revokedAt FROM verification_links WHERE id = ?`).get(id) as LinkRow | undefined;
}

/** A link whose mail the SMTP server refused dies (the one it replaced, if any, keeps its own expiry). */
export function revokeLink(db: Database, id: number, now: number): void {
  stmt(db, 'UPDATE verification_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL AND used_at IS NULL').run(now, id);
}

export interface LinkRow {
  id: number; employeeId: number; address: string; sentAt: number; expiresAt: number;
  usedAt: number | null; revokedAt: number | null;
}

export function selectLinkByHash(db: Database, tokenHash: string): LinkRow | undefined {
  return stmt(db, `SELECT id, employee_id AS employeeId, address, sent_at AS sentAt, expires_at AS expiresAt,
    used_at AS usedAt, revoked_at AS revokedAt FROM verification_links WHERE token_hash = ?`).get(tokenHash) as LinkRow | undefined;
}

/** The link of the employee used at that moment: a link revoked then was revoked because that one verified. */
export function selectLinkUsedAt(db: Database, employeeId: number, at: number): LinkRow | undefined {
  return stmt(db, `SELECT id, employee_id AS employeeId, address, sent_at AS sentAt, expires_at AS expiresAt,
    used_at AS usedAt, revoked_at AS revokedAt FROM verification_links WHERE employee_id = ? AND used_at = ?`).get(employeeId, at) as LinkRow | undefined;
}

/** Whether a mail (a new verification request, an account mail) went to the employee after that moment, or may have. */
export function mailSentSince(db: Database, employeeId: number, since: number): boolean {
  return stmt(db, `SELECT EXISTS (SELECT 1 FROM mail_history WHERE employee_id = ? AND sent_at > ? AND result <> 'failed') AS sent`)
    .pluck().get(employeeId, since) === 1;
}

/** The link that verified: used; every other open link of the employee: revoked. */
export function consumeLink(db: Database, linkId: number, employeeId: number, now: number): void {
  stmt(db, 'UPDATE verification_links SET used_at = ? WHERE id = ?').run(now, linkId);
  stmt(db, `UPDATE verification_links SET revoked_at = ?
    WHERE employee_id = ? AND id <> ? AND used_at IS NULL AND revoked_at IS NULL`).run(now, employeeId, linkId);
}

/** The addresses the employee has verified by a link (the red 「認証済み」 badge). */
export function selectVerifiedAddresses(db: Database, employeeId: number): Set<string> {
  return new Set((stmt(db, 'SELECT address FROM verification_links WHERE employee_id = ? AND used_at IS NOT NULL')
    .all(employeeId) as { address: string }[]).map((r) => r.address));
}
