/**
 * Checkpoints, kept off the app's connection. SQLite's automatic checkpoint runs inside the commit
 * that crosses its threshold — on the thread that serves the LAN pages — and copies the WAL into the
 * database file and waits for the disk (measured during a bulk send: commits of 1.3 ms, but one in a
 * hundred 30–120 ms). The app's connection therefore checkpoints only as a backstop, past a large
 * WAL; a second connection in a worker thread (wal-checkpoint-worker.mjs) checkpoints every moment.
 */
import type { Database } from 'better-sqlite3';

/** WAL pages after which the app's own connection would checkpoint: only if the worker is gone. */
const BACKSTOP_PAGES = 10_000;

/**
 * WAL pages after which a stream of commits (a bulk job's group commits) waits, without blocking
 * the loop, for the worker to copy every page, so that its next commit starts the WAL over.
 * SQLite rewinds the WAL only when a write begins with every page already copied; the worker's
 * passive checkpoints never get there while a commit lands every 15 ms, so the WAL grew to the
 * backstop in every bulk job and the app's connection checkpointed inside a commit. Well below it.
 */
export const REWIND_AT_PAGES = 4_000;

export function checkpointElsewhere(db: Database): void {
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
}
