/**
 * Is this file a backup of this product that can be restored? Read once into memory and
 * checked there: the bytes checked are the bytes installed (no file can change in between),
 * and nothing is ever created beside a backup (a WAL-mode file opened from disk, even read
 * only, leaves -wal and -shm next to it).
 */
import { readFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { migrateTo } from './database';
import { LATEST_VERSION } from './migrations';

/** Why a file cannot be restored (the screen and the command line say it in words). */
export type BackupProblem = 'empty' | 'damaged' | 'foreign' | 'fromFuture' | 'notSetUp';

export type BackupCheck =
  | { ok: true; version: number; /** the database, ready to be written as a file */ image: Buffer }
  | { ok: false; problem: BackupProblem };

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export function checkBackupFile(file: string): BackupCheck {
  return checkBackupImage(readFileSync(file));
}

/** Checks `image` (and may patch its header: the caller hands it over). */
function checkBackupImage(image: Buffer): BackupCheck {
  if (image.length === 0) return { ok: false, problem: 'empty' };
  const head = image.subarray(0, MAGIC.length);
  if (!head.equals(MAGIC.subarray(0, head.length))) return { ok: false, problem: 'foreign' };
  if (image.length < 100) return { ok: false, problem: 'damaged' }; // cut inside the header
  // Bytes 18-19 say "WAL" in a backup of a WAL database, yet the backup API wrote every page
  // into the file itself: as a rollback-journal database it reads exactly the same, and an
  // in-memory database cannot be in WAL mode.
  if (image[18] === 2 && image[19] === 2) image[18] = image[19] = 1;
  let db: Database;
  try {
    db = new BetterSqlite3(image);
  } catch {
    return { ok: false, problem: 'damaged' };
  }
  try {
    const verdict = judge(db);
    return verdict.ok ? { ...verdict, image } : verdict;
  } catch {
    // SQLite met a damaged page while reading (a truncated file, garbage in a page)
    return { ok: false, problem: 'damaged' };
  } finally {
    db.close();
  }
}

function judge(db: Database): { ok: true; version: number } | { ok: false; problem: BackupProblem } {
  if (db.pragma('quick_check', { simple: true }) !== 'ok') return { ok: false, problem: 'damaged' };
  if ((db.pragma('foreign_key_check') as unknown[]).length > 0) return { ok: false, problem: 'damaged' };
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = schemaOf(db);
  if (version === 0) return { ok: false, problem: tables.size === 0 ? 'empty' : 'foreign' };
  // a newer version's schema is unknown here: its two oldest tables are enough to call it ours
  if (version > LATEST_VERSION) return { ok: false, problem: tables.has('settings') && tables.has('employees') ? 'fromFuture' : 'foreign' };
  if (version < 0 || !sameSchema(tables, expectedSchema(version))) return { ok: false, problem: 'foreign' };
  // restoring a company that was never set up would open the setup screen to anyone and lock the administrator out
  const setUp = db.prepare(`SELECT 1 FROM settings WHERE id = 1 AND setup_completed_at IS NOT NULL
    AND EXISTS (SELECT 1 FROM employees WHERE is_company_admin = 1)`).get();
  if (!setUp) return { ok: false, problem: 'notSetUp' };
  return { ok: true, version };
}

/** Each table's column names (generated ones included), sorted. */
type Schema = Map<string, string>;

function schemaOf(db: Database): Schema {
  const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`)
    .pluck().all() as string[];
  const columns = db.prepare('SELECT name FROM pragma_table_xinfo(?)').pluck();
  return new Map(tables.map((t) => [t, (columns.all(t) as string[]).sort().join(',')]));
}

function sameSchema(a: Schema, b: Schema): boolean {
  return a.size === b.size && [...a].every(([table, columns]) => b.get(table) === columns);
}

const expected = new Map<number, Schema>();

/** The tables and columns migrations 1..version create, from the real migrations on an in-memory database. */
export function expectedSchema(version: number): Schema {
  let schema = expected.get(version);
  if (!schema) {
    const db = new BetterSqlite3(':memory:');
    try {
      migrateTo(db, version);
      schema = schemaOf(db);
    } finally {
      db.close();
    }
    expected.set(version, schema);
  }
  return schema;
}
