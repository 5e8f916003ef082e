import { stmt } from '../statement-cache';
import type { Database } from 'better-sqlite3';
import type { AccountFacts } from '../../preload/domain-types';

export type MailKind = 'verification' | 'account';

export interface MailHistoryRow { sentAt: number; address: string; kind: MailKind; result: 'sent' | 'failed'; detail: string }

export function insertMailHistory(
  db: Database, e: { employeeId: number; kind: MailKind; address: string; sentAt: number; result: 'sent' | 'failed'; detail: string },
): void {
  stmt(db, `INSERT INTO mail_history (employee_id, kind, address, sent_at, result, detail)
    VALUES (@employeeId, @kind, @address, @sentAt, @result, @detail)`).run(e);
}

export function selectMailHistory(db: Database, employeeId: number): MailHistoryRow[] {
  return stmt(db, `SELECT sent_at AS sentAt, address, kind, result, detail FROM mail_history
    WHERE employee_id = ? ORDER BY sent_at DESC, id DESC LIMIT 200`).all(employeeId) as MailHistoryRow[];
}

export function insertLink(
  db: Database, l: { employeeId: number; tokenHash: string; address: string; sentAt: number; expiresAt: number },
): void {
  stmt(db, `INSERT INTO verification_links (employee_id, token_hash, address, issuance_started_at, sent_at, expires_at)
    VALUES (@employeeId, @tokenHash, @address, @sentAt, @sentAt, @expiresAt)`).run(l);
}

export interface LinkRow {
  id: number; employeeId: number; address: string; sentAt: number; expiresAt: number;
  usedAt: number | null; revokedAt: number | null;
}

export function selectLinkByHash(db: Database, tokenHash: string): LinkRow | undefined {
  return stmt(db, `SELECT id, employee_id AS employeeId, address, sent_at AS sentAt, expires_at AS expiresAt,
    used_at AS usedAt, revoked_at AS revokedAt FROM verification_links WHERE token_hash = ?`).get(tokenHash) as LinkRow | undefined;
}

/** The link that verified: used; every other open link of the employee: revoked. */
export function consumeLink(db: Database, linkId: number, employeeId: number, now: number): void {
  stmt(db, 'UPDATE verification_links SET used_at = ? WHERE id = ?').run(now, linkId);
  stmt(db, `UPDATE verification_links SET revoked_at = ?
    WHERE employee_id = ? AND id <> ? AND used_at IS NULL AND revoked_at IS NULL`).run(now, employeeId, linkId);
}

/** Stores the facts of a status transition (and a new password hash when one was delivered). */
export function storeFacts(db: Database, id: number, f: AccountFacts, now: number, newPasswordHash?: string): void {
  stmt(db, `
    UPDATE employees SET password_status = @password, issued_via = @issuedVia, verified_at = @verifiedAt,
      link_sent_at = @linkSentAt, link_valid_until = @linkValidUntil, updated_at = @now,
      password_hash = coalesce(@hash, password_hash),
      password_generated = CASE WHEN @hash IS NULL THEN password_generated ELSE 1 END,
      failed_logins = CASE WHEN @hash IS NULL THEN failed_logins ELSE 0 END,
      locked_until = CASE WHEN @hash IS NULL THEN locked_until ELSE NULL END
    WHERE id = @id
  `).run({ id, now, hash: newPasswordHash ?? null, ...f });
}

/** The addresses the employee has verified by a link (the red 「認証済み」 badge). */
export function selectVerifiedAddresses(db: Database, employeeId: number): Set<string> {
  return new Set((stmt(db, 'SELECT address FROM verification_links WHERE employee_id = ? AND used_at IS NOT NULL')
    .all(employeeId) as { address: string }[]).map((r) => r.address));
}
