import { stmt } from '../statement-cache';
import type { Database } from 'better-sqlite3';

/**
 * A link dies when its address is changed or removed (SPEC §4). Revokes the employee's
 * live links whose address is no longer among `keptAddresses`, then recomputes the
 * employee's link_valid_until from the links still live.
 */
export function revokeLinksNotTo(db: Database, employeeId: number, keptAddresses: readonly string[], now: number): number {
  const revoked = stmt(db, `
    UPDATE verification_links SET revoked_at = :now
    WHERE employee_id = :employeeId AND used_at IS NULL AND revoked_at IS NULL
      AND address NOT IN (SELECT value FROM json_each(:kept))
  `).run({ now, employeeId, kept: JSON.stringify(keptAddresses) }).changes;
  if (revoked > 0) refreshLinkValidity(db, employeeId, now);
  return revoked;
}

/** link_valid_until = the latest expiry among the employee's live links (NULL when none). */
export function refreshLinkValidity(db: Database, employeeId: number, now: number): void {
  stmt(db, `
    UPDATE employees SET updated_at = :now, link_valid_until = (
      SELECT max(expires_at) FROM verification_links
      WHERE employee_id = :employeeId AND used_at IS NULL AND revoked_at IS NULL
    ) WHERE id = :employeeId
  `).run({ now, employeeId });
}
