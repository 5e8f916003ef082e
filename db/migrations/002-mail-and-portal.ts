import type { Database } from 'better-sqlite3';

/** SMTP settings, the mail history of each employee, and the portal's sessions. */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE settings ADD COLUMN smtp_host TEXT NOT NULL DEFAULT '';
    ALTER TABLE settings ADD COLUMN smtp_port INTEGER NOT NULL DEFAULT 587 CHECK (smtp_port BETWEEN 1 AND 65535);
    ALTER TABLE settings ADD COLUMN smtp_security TEXT NOT NULL DEFAULT 'starttls' CHECK (smtp_security IN ('none', 'starttls', 'tls'));
    ALTER TABLE settings ADD COLUMN smtp_user TEXT NOT NULL DEFAULT '';
    -- sealed with the machine's secret box (Electron safeStorage, or a key file in headless mode)
    ALTER TABLE settings ADD COLUMN smtp_password_sealed TEXT NOT NULL DEFAULT '';
    ALTER TABLE settings ADD COLUMN smtp_from_address TEXT NOT NULL DEFAULT '';
    ALTER TABLE settings ADD COLUMN smtp_from_name TEXT NOT NULL DEFAULT '';
    ALTER TABLE settings ADD COLUMN smtp_rate_per_minute INTEGER NOT NULL DEFAULT 0 CHECK (smtp_rate_per_minute BETWEEN 0 AND 10000);

    -- a generated password is a one-time secret: the portal asks for a new one at the next login
    ALTER TABLE employees ADD COLUMN password_generated INTEGER NOT NULL DEFAULT 0 CHECK (password_generated IN (0, 1));

    CREATE TABLE mail_history (
      id INTEGER PRIMARY KEY,
      employee_id INTEGER NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('verification', 'account')),
      address TEXT NOT NULL,
      sent_at INTEGER NOT NULL,
      result TEXT NOT NULL CHECK (result IN ('sent', 'failed')),
      -- the SMTP server's own answer on failure; never a link, token or password
      detail TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX mail_history_employee ON mail_history(employee_id, sent_at);

    CREATE TABLE portal_sessions (
      id_hash TEXT PRIMARY KEY,
      employee_id INTEGER NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
      csrf_token TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1))
    ) STRICT;
    CREATE INDEX portal_sessions_employee ON portal_sessions(employee_id);
  `);
}
