import type { Database } from 'better-sqlite3';

/** 打刻 (portal and Web time recorder) and the kiosk passcode's lockout. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE punches (
      id INTEGER PRIMARY KEY,
      employee_id INTEGER NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('in', 'out')),
      at INTEGER NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('portal', 'kiosk')),
      -- one id per rendered form: a double click or a resent form records one punch
      request_id TEXT NOT NULL UNIQUE
    ) STRICT;
    CREATE INDEX punches_employee_at ON punches(employee_id, at);

    ALTER TABLE employees ADD COLUMN passcode_failures INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE employees ADD COLUMN passcode_locked_at INTEGER;
  `);
}
