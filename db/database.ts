import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { LATEST_VERSION, migrations } from './migrations';

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
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) throw new DatabaseFromFutureError(current, LATEST_VERSION);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${LATEST_VERSION}`);
  }).immediate();
}

/** A database file as it is on disk (a backup): whether it passes the integrity check, and its schema version. */
export function inspectDatabaseFile(file: string): { intact: boolean; version: number } {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return { intact: db.pragma('quick_check', { simple: true }) === 'ok', version: db.pragma('user_version', { simple: true }) as number };
  } finally {
    db.close();
  }
}

/** Copies a backup over the live database with SQLite's backup API (open connections see the new content). */
export async function restoreDatabaseFrom(backupFile: string, databaseFile: string): Promise<void> {
  const source = new BetterSqlite3(backupFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(databaseFile);
  } finally {
    source.close();
  }
}
