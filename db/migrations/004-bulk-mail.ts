import type { Database } from 'better-sqlite3';

/**
 * Bulk verification sends as persistent jobs: each row is marked 'sending' before its mail
 * goes out and 'sent' in the same transaction that stores its link, so a crash leaves
 * every employee either done or untouched, and never sends one row twice.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE mail_jobs (
      id TEXT PRIMARY KEY,
      created_at INTEGER NOT NULL,
      finished_at INTEGER
    ) STRICT;

    CREATE TABLE mail_job_items (
      job_id TEXT NOT NULL REFERENCES mail_jobs(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      employee_id INTEGER REFERENCES employees(id) ON DELETE SET NULL,
      login_id TEXT NOT NULL,
      name TEXT NOT NULL,
      address TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'excluded')),
      attempts INTEGER NOT NULL DEFAULT 0,
      note TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (job_id, position)
    ) STRICT;
    -- the next pending row in order, found without a scan (claimed once per mail)
    CREATE INDEX mail_job_items_next ON mail_job_items(job_id, state, position);
  `);
}
