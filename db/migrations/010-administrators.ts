import type { Database } from 'better-sqlite3';

/**
 * Service mode (issue "Service mode"): several administrators (ユーザー管理者), each with their
 * own ログインID and password for the admin screens. They are not employees — no portal, no
 * kiosk, no row in the grid — so they live in a table of their own, which the portal's queries
 * never read (the two trust zones). The 法人管理者 stays the employees row it always was.
 * Each has the login's lockout columns (db/queries/lockouts.ts counts them as it counts an
 * employee's), must change the initial password at the first login, and can be disabled;
 * `version` guards every change as employees.version does.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE administrators (
      id INTEGER PRIMARY KEY,
      login_id TEXT NOT NULL COLLATE NOCASE UNIQUE,
      name TEXT NOT NULL CHECK (name <> ''),
      password_hash TEXT NOT NULL,
      must_change_password INTEGER NOT NULL DEFAULT 1 CHECK (must_change_password IN (0, 1)),
      disabled_at INTEGER,
      failed_logins INTEGER NOT NULL DEFAULT 0,
      locked_until INTEGER,
      last_login_at INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      version INTEGER NOT NULL DEFAULT 0
    ) STRICT;
  `);
}
