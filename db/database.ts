import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { LATEST_VERSION, migrations } from './migrations';
import { ownerOnlyFile, ownerOnlyIfExists } from './owner-only';

export type { Database };

/** The database was written by a newer version of the app: refuse rather than damage it. */
export class DatabaseFromFutureError extends Error {
  constructor(readonly found: number, readonly supported: number) {
    super(`database schema version ${found} is newer than the supported ${supported}`);
    this.name = 'DatabaseFromFutureError';
  }
}

/** The database file is damaged (the start-up integrity check failed, or SQLite says so). */
export class DatabaseDamagedError extends Error {
  constructor(detail: string) {
    super(`database damaged: ${detail}`);
    this.name = 'DatabaseDamagedError';
  }
}

const DAMAGE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE']);

export function openDatabase(file: string): Database {
  // Owner-only before SQLite opens it: SQLite gives the -wal and -shm it creates the database file's mode.
  ownerOnlyFile(file);
  for (const f of [`${file}-wal`, `${file}-shm`]) ownerOnlyIfExists(f);
  try {
    return openChecked(file);
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (DAMAGE_CODES.has(code)) throw new DatabaseDamagedError(code);
    throw e;
  }
}

function openChecked(file: string): Database {
  const db = new BetterSqlite3(file);
  try {
    // a damaged file is found at start, with a way out, rather than by a crash later
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new DatabaseDamagedError(String(check));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL'); // safe with WAL: a power cut loses at most the last commit
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Apply every pending migration in one transaction; refuse a database from the future. */
export function migrate(db: Database): void {
  migrateTo(db, LATEST_VERSION);
}

/**
 * Apply the migrations up to `version` (not beyond) in one transaction. The app always goes to
 * the latest; stopping earlier gives the schema an older version wrote (what a backup of that
 * version must look like, and the start of each migration's upgrade test).
 */
export function migrateTo(db: Database, version: number): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) throw new DatabaseFromFutureError(current, LATEST_VERSION);
  if (version > LATEST_VERSION || version < current) throw new RangeError(`cannot migrate from ${current} to ${version}`);
  const pending = migrations.filter((m) => m.version > current && m.version <= version);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${version}`);
  }).immediate();
}
