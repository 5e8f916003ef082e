import type { Database } from 'better-sqlite3';

/** 操作ログ: every administrator action; never a password, passcode, token or link. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      -- JSON array of { id, name, loginId } as they were at the time (employees may be deleted later)
      targets TEXT NOT NULL DEFAULT '[]',
      result TEXT NOT NULL CHECK (result IN ('ok', 'error')),
      detail TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX audit_log_at ON audit_log(at);
    CREATE INDEX audit_log_action ON audit_log(action, at);
  `);
}
