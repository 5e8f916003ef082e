/**
 * ユーザー管理者: the administrators besides the 法人管理者 (migration 010). Every change names the
 * row version its author read (a guarded write): zero rows changed means another administrator
 * got there first. Disabling and removing also keep one active administrator besides the actor
 * in the same statement, so two administrators disabling each other at the same moment cannot
 * both succeed and leave nobody.
 */
import { stmt } from '../statement-cache';
import type { Database } from 'better-sqlite3';

export interface AdministratorDbRow {
  id: number;
  loginId: string;
  name: string;
  passwordHash: string;
  mustChangePassword: boolean;
  disabledAt: number | null;
  lockedUntil: number | null;
  lastLoginAt: number | null;
  createdAt: number;
  version: number;
}

const COLUMNS = `id, login_id AS loginId, name, password_hash AS passwordHash, must_change_password AS mustChangePassword,
  disabled_at AS disabledAt, locked_until AS lockedUntil, last_login_at AS lastLoginAt, created_at AS createdAt, version`;

type Raw = Omit<AdministratorDbRow, 'mustChangePassword'> & { mustChangePassword: number };
const row = (r: Raw | undefined): AdministratorDbRow | undefined => r && { ...r, mustChangePassword: r.mustChangePassword === 1 };

export function selectAdministrators(db: Database): AdministratorDbRow[] {
  return (stmt(db, `SELECT ${COLUMNS} FROM administrators ORDER BY id`).all() as Raw[]).map((r) => row(r)!);
}

export function selectAdministrator(db: Database, id: number): AdministratorDbRow | undefined {
  return row(stmt(db, `SELECT ${COLUMNS} FROM administrators WHERE id = ?`).get(id) as Raw | undefined);
}

export function selectAdministratorByLoginId(db: Database, loginId: string): AdministratorDbRow | undefined {
  return row(stmt(db, `SELECT ${COLUMNS} FROM administrators WHERE login_id = ?`).get(loginId) as Raw | undefined);
}

/** A ログインID already used by an employee (the 法人管理者 included) or an administrator. */
export function loginIdUsedAnywhere(db: Database, loginId: string): boolean {
  return stmt(db, `SELECT 1 FROM employees WHERE login_id = :id UNION ALL SELECT 1 FROM administrators WHERE login_id = :id`)
    .get({ id: loginId }) !== undefined;
}

/** Returns the new id, or null when the ログインID was taken meanwhile (UNIQUE, NOCASE). */
export function insertAdministrator(db: Database, a: { loginId: string; name: string; passwordHash: string }, now: number): number | null {
  const r = stmt(db, `INSERT INTO administrators (login_id, name, password_hash, created_at, updated_at)
    SELECT :loginId, :name, :passwordHash, :now, :now
    WHERE NOT EXISTS (SELECT 1 FROM employees WHERE login_id = :loginId)
    ON CONFLICT (login_id) DO NOTHING RETURNING id`).get({ ...a, now }) as { id: number } | undefined;
  return r?.id ?? null;
}

/**
 * Whether some administrator other than `exceptId` stays able to log in: the 法人管理者 (always,
 * while the company is set up) or an enabled ユーザー管理者.
 */
const ANOTHER_ACTIVE = `(EXISTS (SELECT 1 FROM employees WHERE is_company_admin = 1 AND password_hash IS NOT NULL)
  OR EXISTS (SELECT 1 FROM administrators WHERE disabled_at IS NULL AND id <> :id))`;

/** 無効にする: guarded by the version, and never the last active administrator. */
export function disableAdministrator(db: Database, id: number, version: number, now: number): boolean {
  return stmt(db, `UPDATE administrators SET disabled_at = :now, updated_at = :now, version = version + 1
    WHERE id = :id AND version = :version AND disabled_at IS NULL AND ${ANOTHER_ACTIVE}`).run({ id, version, now }).changes === 1;
}

export function enableAdministrator(db: Database, id: number, version: number, now: number): boolean {
  return stmt(db, `UPDATE administrators SET disabled_at = NULL, updated_at = :now, version = version + 1
    WHERE id = :id AND version = :version AND disabled_at IS NOT NULL`).run({ id, version, now }).changes === 1;
}

/** 削除: guarded by the version, and never the last active administrator. */
export function deleteAdministrator(db: Database, id: number, version: number): boolean {
  return stmt(db, `DELETE FROM administrators WHERE id = :id AND version = :version AND ${ANOTHER_ACTIVE}`)
    .run({ id, version }).changes === 1;
}

/** 初期パスワード再発行: a new initial password, to be changed at the next login; the lock lifted. */
export function resetAdministratorPassword(db: Database, id: number, version: number, passwordHash: string, now: number): boolean {
  return stmt(db, `UPDATE administrators SET password_hash = :passwordHash, must_change_password = 1, failed_logins = 0,
      locked_until = NULL, updated_at = :now, version = version + 1
    WHERE id = :id AND version = :version`).run({ id, version, passwordHash, now }).changes === 1;
}

/** The administrator's own new password (the forced change at the first login). */
export function storeAdministratorPassword(db: Database, id: number, passwordHash: string, now: number): boolean {
  return stmt(db, `UPDATE administrators SET password_hash = :passwordHash, must_change_password = 0, updated_at = :now,
      version = version + 1 WHERE id = :id AND disabled_at IS NULL`).run({ id, passwordHash, now }).changes === 1;
}

export function recordAdministratorLogin(db: Database, id: number, now: number): void {
  stmt(db, 'UPDATE administrators SET last_login_at = ? WHERE id = ?').run(now, id);
}
