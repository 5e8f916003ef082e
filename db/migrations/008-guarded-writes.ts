import type { Database } from 'better-sqlite3';

/** How long a kiosk passcode stays locked after too many wrong codes (was: until 「ロック解除」). */
const KIOSK_LOCK_MS_AT_MIGRATION = 15 * 60_000;

/**
 * Races and faults (issue "Races and faults", "The LAN is hostile"):
 * - `employees.version`: every edit and every status transition is a write guarded by the
 *   version the actor read; a second actor's stale write changes nothing.
 * - `pending_secrets`: a new password or passcode is stored here *before* it leaves the process
 *   (PDF bytes, a mail handed to the SMTP server). The one in force keeps working until the
 *   delivery is confirmed; a pending one that may have been delivered (a crash, a database that
 *   refused the confirmation) works too, and its first use puts it in force.
 * - kiosk passcode locks expire (`passcode_locked_until` replaces the permanent `passcode_locked_at`).
 * - mail history rows are written before the mail leaves ('sending'); one caught by a crash is
 *   'uncertain'. Bulk job rows get the same state.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE employees ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

    ALTER TABLE employees ADD COLUMN passcode_locked_until INTEGER;
    UPDATE employees SET passcode_locked_until = passcode_locked_at + ${KIOSK_LOCK_MS_AT_MIGRATION}
      WHERE passcode_locked_at IS NOT NULL;
    ALTER TABLE employees DROP COLUMN passcode_locked_at;
    -- 「すべてロック解除」 and the grid's count of locked employees, without a scan
    CREATE INDEX employees_locked ON employees(locked_until) WHERE locked_until IS NOT NULL;
    CREATE INDEX employees_passcode_locked ON employees(passcode_locked_until) WHERE passcode_locked_until IS NOT NULL;

    CREATE TABLE pending_secrets (
      employee_id INTEGER NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('password', 'passcode')),
      delivery_id TEXT NOT NULL,
      hash TEXT NOT NULL,
      -- the status-model event the delivery completes when confirmed (or at the secret's first use)
      event TEXT NOT NULL CHECK (event IN ('pdfIssued', 'linkVerified', 'accountMailSent', 'passcodeIssued')),
      link_id INTEGER REFERENCES verification_links(id) ON DELETE SET NULL,
      history_id INTEGER,
      -- the process run that reserved it: one of this run is in flight, one of an earlier run is orphaned
      run_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (employee_id, kind, delivery_id)
    ) STRICT;

    CREATE TABLE mail_history_new (
      id INTEGER PRIMARY KEY,
      employee_id INTEGER NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('verification', 'account')),
      address TEXT NOT NULL,
      sent_at INTEGER NOT NULL,
      result TEXT NOT NULL CHECK (result IN ('sending', 'sent', 'failed', 'uncertain')),
      detail TEXT NOT NULL DEFAULT ''
    ) STRICT;
    INSERT INTO mail_history_new (id, employee_id, kind, address, sent_at, result, detail)
      SELECT id, employee_id, kind, address, sent_at, result, detail FROM mail_history;
    DROP TABLE mail_history;
    ALTER TABLE mail_history_new RENAME TO mail_history;
    CREATE INDEX mail_history_employee ON mail_history(employee_id, sent_at);

    CREATE TABLE mail_job_items_new (
      job_id TEXT NOT NULL REFERENCES mail_jobs(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      employee_id INTEGER REFERENCES employees(id) ON DELETE SET NULL,
      login_id TEXT NOT NULL,
      name TEXT NOT NULL,
      address TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'excluded', 'uncertain')),
      attempts INTEGER NOT NULL DEFAULT 0,
      note TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (job_id, position)
    ) STRICT;
    INSERT INTO mail_job_items_new SELECT job_id, position, employee_id, login_id, name, address, state, attempts, note
      FROM mail_job_items;
    DROP TABLE mail_job_items;
    ALTER TABLE mail_job_items_new RENAME TO mail_job_items;
    CREATE INDEX mail_job_items_next ON mail_job_items(job_id, state, position);
  `);
}
