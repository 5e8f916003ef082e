import { chmodSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';

/**
 * Holds `file` (a small SQLite database of its own) with SQLite's exclusive lock until
 * release(), or returns null at once when another connection — in this process or any
 * other — holds it. The operating system drops the lock when the holding process dies,
 * however it dies, so there is never a stale lock to clean up.
 *
 * Never open this file with node:fs while it is held: closing any descriptor of a file
 * drops all of the process's POSIX locks on it (SQLite itself takes care of its own).
 */
export function holdFileExclusively(file: string): { release(): void } | null {
  const db = new BetterSqlite3(file, { timeout: 0 }); // busy_timeout 0: refuse, never wait
  chmodSync(file, 0o600);
  try {
    // in exclusive locking mode the lock taken by the first write is kept until the connection closes
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = MEMORY'); // no -journal file beside it
    db.exec('BEGIN EXCLUSIVE; PRAGMA user_version = 1; COMMIT');
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code === 'SQLITE_BUSY') return null;
    throw e;
  }
  return { release: () => db.close() };
}
