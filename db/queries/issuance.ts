import { stmt } from '../statement-cache';
import type { Database } from 'better-sqlite3';
import type { AccountFacts } from '../../preload/domain-types';
import { EMPLOYEE_COLUMNS, type EmployeeDbRow } from './employee-columns';

/** The employees of a batch as they are now, in the order given. */
export function selectIssueCandidates(db: Database, ids: readonly number[], now: number): EmployeeDbRow[] {
  const rows = stmt(db, `
    SELECT ${EMPLOYEE_COLUMNS} FROM employees e
    WHERE e.id IN (SELECT value FROM json_each(:ids))
  `).all({ ids: JSON.stringify(ids), now }) as EmployeeDbRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export function selectUnissuedPasscodeIds(db: Database): number[] {
  return (stmt(db, `SELECT id FROM employees WHERE passcode_status = 'unissued' ORDER BY code, id`).all() as { id: number }[])
    .map((r) => r.id);
}

/**
 * Stores a delivered password and the facts it leads to — only while the employee still
 * exists under the ログインID printed on the notice. Returns false otherwise.
 */
export function storeIssuedPassword(
  db: Database, id: number, printedLoginId: string, hash: string, f: AccountFacts, now: number,
): boolean {
  return stmt(db, `
    UPDATE employees SET password_hash = @hash, password_status = @password, issued_via = @issuedVia,
      verified_at = @verifiedAt, link_sent_at = @linkSentAt, link_valid_until = @linkValidUntil,
      password_generated = 1, failed_logins = 0, locked_until = NULL, updated_at = @now
    WHERE id = @id AND login_id = @printedLoginId COLLATE BINARY
  `).run({ id, printedLoginId, hash, now, ...f }).changes === 1;
}

/** Stores a delivered passcode while the ログインID and 社員コード printed with it still hold. */
export function storeIssuedPasscode(
  db: Database, id: number, printed: { loginId: string; code: string }, hash: string, now: number,
): boolean {
  return stmt(db, `
    UPDATE employees SET passcode_hash = @hash, passcode_status = 'issued', updated_at = @now
    WHERE id = @id AND login_id = @loginId COLLATE BINARY AND code = @code
  `).run({ id, ...printed, hash, now }).changes === 1;
}

/** Every open link of the employee dies (its issuance ended). */
export function revokeOpenLinks(db: Database, employeeId: number, now: number): void {
  stmt(db, `
    UPDATE verification_links SET revoked_at = ? WHERE employee_id = ? AND used_at IS NULL AND revoked_at IS NULL
  `).run(now, employeeId);
}
