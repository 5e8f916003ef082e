import { stmt } from '../statement-cache';
import type { Database } from 'better-sqlite3';
import { fullName } from '../../preload/domain-types';

export interface PortalSessionRow {
  employeeId: number; csrfToken: string; createdAt: number; lastSeenAt: number; mustChangePassword: boolean;
}

export function insertPortalSession(
  db: Database, s: { idHash: string; employeeId: number; csrfToken: string; now: number; mustChangePassword: boolean },
): void {
  stmt(db, `INSERT INTO portal_sessions (id_hash, employee_id, csrf_token, created_at, last_seen_at, must_change_password)
    VALUES (@idHash, @employeeId, @csrfToken, @now, @now, @must)`).run({ ...s, must: s.mustChangePassword ? 1 : 0 });
}

export function selectPortalSession(db: Database, idHash: string): PortalSessionRow | undefined {
  const r = stmt(db, `SELECT employee_id, csrf_token, created_at, last_seen_at, must_change_password
    FROM portal_sessions WHERE id_hash = ?`).get(idHash) as
    | { employee_id: number; csrf_token: string; created_at: number; last_seen_at: number; must_change_password: number }
    | undefined;
  return r && {
    employeeId: r.employee_id, csrfToken: r.csrf_token, createdAt: r.created_at, lastSeenAt: r.last_seen_at,
    mustChangePassword: r.must_change_password === 1,
  };
}

export function touchPortalSession(db: Database, idHash: string, now: number): void {
  stmt(db, 'UPDATE portal_sessions SET last_seen_at = ? WHERE id_hash = ?').run(now, idHash);
}

export function deletePortalSession(db: Database, idHash: string): void {
  stmt(db, 'DELETE FROM portal_sessions WHERE id_hash = ?').run(idHash);
}

/** A password change ends the employee's other sessions; a deletion ends all (ON DELETE CASCADE). */
export function deleteOtherPortalSessions(db: Database, employeeId: number, keepIdHash: string): void {
  stmt(db, 'DELETE FROM portal_sessions WHERE employee_id = ? AND id_hash <> ?').run(employeeId, keepIdHash);
}

/** The password changed hands (an issuance, a lock): every session of the employee ends. */
export function deletePortalSessionsOf(db: Database, employeeId: number): void {
  stmt(db, 'DELETE FROM portal_sessions WHERE employee_id = ?').run(employeeId);
}

export function clearMustChangePassword(db: Database, idHash: string): void {
  stmt(db, 'UPDATE portal_sessions SET must_change_password = 0 WHERE id_hash = ?').run(idHash);
}

export function deleteIdlePortalSessions(db: Database, olderThan: number): void {
  stmt(db, 'DELETE FROM portal_sessions WHERE last_seen_at < ?').run(olderThan);
}

export function storeOwnPassword(db: Database, employeeId: number, hash: string, now: number): void {
  stmt(db, 'UPDATE employees SET password_hash = ?, password_generated = 0, updated_at = ?, version = version + 1 WHERE id = ?')
    .run(hash, now, employeeId);
}

export function selectPortalProfile(db: Database, employeeId: number): {
  loginId: string; name: string; previousLoginAt: number | null; passwordHash: string | null; passwordGenerated: boolean;
} | undefined {
  const r = stmt(db, `SELECT login_id, last_name, first_name, previous_login_at, password_hash, password_generated
    FROM employees WHERE id = ?`).get(employeeId) as
    | { login_id: string; last_name: string; first_name: string; previous_login_at: number | null; password_hash: string | null; password_generated: number }
    | undefined;
  return r && {
    loginId: r.login_id, name: fullName(r.last_name, r.first_name), previousLoginAt: r.previous_login_at,
    passwordHash: r.password_hash, passwordGenerated: r.password_generated === 1,
  };
}
