import type { Database } from 'better-sqlite3';

/**
 * A bulk mail job's rows are stored a piece at a time (10,000 rows in one transaction held the
 * main loop 70 ms and more): the job is `stored = 0` until its last piece is in, and such a job is
 * nobody's — not listed, not resumed, and removed at the next start should the app stop half-way.
 * The jobs already there are whole.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE mail_jobs ADD COLUMN stored INTEGER NOT NULL DEFAULT 1 CHECK (stored IN (0, 1));
  `);
}
