import type { Database } from 'better-sqlite3';
import { stmt } from '../statement-cache';

/** The links that are dead (used or revoked) now: they must stay dead whatever a restore brings back. */
export function selectDeadLinkHashes(db: Database): string[] {
  return stmt(db, 'SELECT token_hash FROM verification_links WHERE used_at IS NOT NULL OR revoked_at IS NOT NULL')
    .pluck().all() as string[];
}

/**
 * Revokes those of `tokenHashes` that are live, then recomputes link_valid_until of their
 * employees from the links still live (as refreshLinkValidity does, for all of them at once).
 * Revoked, not "used": a used link would count its address as verified (the 認証済み badge).
 */
export function revokeLinksByHash(db: Database, tokenHashes: readonly string[], now: number): number {
  const employees = stmt(db, `
    UPDATE verification_links SET revoked_at = :now
    WHERE used_at IS NULL AND revoked_at IS NULL AND token_hash IN (SELECT value FROM json_each(:hashes))
    RETURNING employee_id
  `).pluck().all({ now, hashes: JSON.stringify(tokenHashes) }) as number[];
  if (employees.length === 0) return 0;
  stmt(db, `
    UPDATE employees SET updated_at = :now, link_valid_until = (
      SELECT max(expires_at) FROM verification_links l
      WHERE l.employee_id = employees.id AND l.used_at IS NULL AND l.revoked_at IS NULL
    ) WHERE id IN (SELECT value FROM json_each(:ids))
  `).run({ now, ids: JSON.stringify([...new Set(employees)]) });
  return employees.length;
}

/** Ends every employee's portal session. */
export function deleteAllPortalSessions(db: Database): number {
  return stmt(db, 'DELETE FROM portal_sessions').run().changes;
}

/**
 * The restored database's pending secrets were reserved by some earlier run: none of them is in
 * flight now (nothing waits for it); each still works until used or replaced, as after a crash.
 */
export function orphanPendingSecrets(db: Database): number {
  return stmt(db, `UPDATE pending_secrets SET run_id = 'restored'`).run().changes;
}
