import { stmt } from '../statement-cache';
import type { Database } from 'better-sqlite3';
import type { AccountFacts } from '../../preload/domain-types';

/** What a status transition reads: the facts, the row version it is guarded by, the addresses on file. */
export interface AccountRow {
  id: number; version: number; facts: AccountFacts; loginId: string; addresses: string[];
}

const SELECT_ACCOUNT = `SELECT id, version, login_id, email1, email2, email3, password_status AS password,
  issued_via AS issuedVia, verified_at AS verifiedAt, link_sent_at AS linkSentAt, link_valid_until AS linkValidUntil
  FROM employees WHERE id = ?`;

export function selectAccount(db: Database, id: number): AccountRow | undefined {
  const r = stmt(db, SELECT_ACCOUNT).get(id) as
    | (AccountFacts & { id: number; version: number; login_id: string; email1: string | null; email2: string | null; email3: string | null })
    | undefined;
  if (!r) return undefined;
  return {
    id: r.id, version: r.version, loginId: r.login_id,
    addresses: [r.email1, r.email2, r.email3].filter((a): a is string => a !== null),
    facts: { password: r.password, issuedVia: r.issuedVia, verifiedAt: r.verifiedAt, linkSentAt: r.linkSentAt, linkValidUntil: r.linkValidUntil },
  };
}

/**
 * The facts of a transition, written only while the row is still at `expectVersion` (zero rows
 * changed: another actor got there first). A new password hash, when given, is put in force
 * with a fresh login count.
 */
export function writeAccountFacts(
  db: Database, id: number, expectVersion: number, f: AccountFacts, now: number, newPasswordHash: string | null,
): boolean {
  return stmt(db, `
    UPDATE employees SET password_status = @password, issued_via = @issuedVia, verified_at = @verifiedAt,
      link_sent_at = @linkSentAt, link_valid_until = @linkValidUntil, updated_at = @now, version = version + 1,
      password_hash = coalesce(@hash, password_hash),
      password_generated = CASE WHEN @hash IS NULL THEN password_generated ELSE 1 END,
      failed_logins = CASE WHEN @hash IS NULL THEN failed_logins ELSE 0 END,
      locked_until = CASE WHEN @hash IS NULL THEN locked_until ELSE NULL END
    WHERE id = @id AND version = @expectVersion
  `).run({ id, expectVersion, now, hash: newPasswordHash, ...f }).changes === 1;
}

/** A delivered passcode in force, with a fresh kiosk count. */
export function writePasscode(db: Database, id: number, hash: string, now: number): boolean {
  return stmt(db, `UPDATE employees SET passcode_hash = ?, passcode_status = 'issued', passcode_failures = 0,
    passcode_locked_until = NULL, updated_at = ?, version = version + 1 WHERE id = ?`).run(hash, now, id).changes === 1;
}

/** The secrets a login or the kiosk checks (the one in force; pending ones are in pending_secrets). */
export function selectSecretHashes(db: Database, id: number): { password: string | null; passcode: string | null } | undefined {
  return stmt(db, 'SELECT password_hash AS password, passcode_hash AS passcode FROM employees WHERE id = ?').get(id) as
    { password: string | null; passcode: string | null } | undefined;
}
