/**
 * Installing a checked backup (db/backup-image.ts). The image is first written as a staging
 * file and brought to the latest schema there, so a migration that fails changes nothing live.
 * Then either the running app copies its rows in one transaction (「復元」 on the screen), or,
 * before the database is opened, the staging file is renamed over it (`--restore-backup`).
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { migrate } from './database';
import { ownerOnlyFile } from './owner-only';
import { DERIVED_TABLES } from './migrations/012-grid-at-scale';
import { forgetSettings } from './queries/settings';

/** The files SQLite may keep beside a database. */
export const sideFilesOf = (file: string): string[] => [`${file}-wal`, `${file}-shm`, `${file}-journal`];

export function removeDatabaseFile(file: string): void {
  for (const f of [file, ...sideFilesOf(file)]) rmSync(f, { force: true });
}

/**
 * Writes `image` as an owner-only database file at the latest schema, in rollback-journal mode
 * (nothing left beside it once closed); `prepare` runs on it in the migration's wake.
 */
export function writeStagingDatabase(image: Buffer, file: string, prepare?: (db: Database) => void): void {
  removeDatabaseFile(file);
  ownerOnlyFile(file);
  writeFileSync(file, image, { flush: true });
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('foreign_keys = ON');
    migrate(db);
    if (prepare) db.transaction(() => prepare(db)).immediate();
  } finally {
    db.close();
  }
}

/**
 * A copy of a WAL database says "WAL" in its header, so whoever opens it later (even read
 * only: a support tool, an earlier version's restore) leaves -wal and -shm beside it.
 * Switched to rollback-journal mode it holds the same pages and nothing appears next to it.
 */
export function asRollbackJournal(file: string): void {
  const copy = new BetterSqlite3(file);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** `--restore-backup`: the staging file becomes the database (no connection is open on either). */
export function installStagingDatabase(staging: string, databaseFile: string): void {
  // an old -wal or hot -journal would be replayed into the new file: they go first
  for (const f of sideFilesOf(databaseFile)) rmSync(f, { force: true });
  renameSync(staging, databaseFile);
}

/**
 * 「復元」 while the app runs: every row of every table is replaced by the staging file's, in one
 * transaction on the app's own connection — the LAN pages see the data before or after, never
 * between, and `keep` carries what must survive the restore from the old rows to the new ones.
 * Both databases are at the latest schema; table and column names come from it, not from input.
 */
export function replaceAllRows<T>(db: Database, staging: string, keep: { read(): T; reapply(kept: T): void }): void {
  // Foreign keys off for the copy (a pragma that only takes effect outside a transaction):
  // emptying a table is then a truncation, not a cascade row by row — twice as fast at 50,000
  // employees. The rows are checked as a whole before the commit instead.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  db.prepare('ATTACH DATABASE ? AS restore_source').run(staging);
  try {
    db.transaction(() => {
      const kept = keep.read();
      // Ordinary tables only, and not those kept by triggers (migration 012's counts and search index):
      // the triggers rebuild them from the employees as they are deleted and copied.
      const tables = (db.prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
          AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`).pluck().all() as string[])
        .filter((t) => !(DERIVED_TABLES as readonly string[]).includes(t));
      for (const t of tables) db.prepare(`DELETE FROM main.${quote(t)}`).run();
      const columns = db.prepare('SELECT name FROM pragma_table_xinfo(?) WHERE hidden NOT IN (2, 3)').pluck(); // not the generated ones
      for (const t of tables) {
        const list = (columns.all(t) as string[]).map(quote).join(', ');
        db.prepare(`INSERT INTO main.${quote(t)} (${list}) SELECT ${list} FROM restore_source.${quote(t)}`).run();
      }
      if ((db.pragma('main.foreign_key_check') as unknown[]).length > 0) throw new Error('restored rows break a foreign key');
      keep.reapply(kept);
    }).immediate();
  } finally {
    forgetSettings(db);
    db.prepare('DETACH DATABASE restore_source').run();
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
