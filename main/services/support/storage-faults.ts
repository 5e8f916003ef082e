/**
 * Names the two storage faults a person can do something about: a full disk, and a database
 * held by another program. Every boundary (contract calls, the LAN pages, the CSV import,
 * backups, PDF writes) asks this one function, so the same fault gets the same words
 * everywhere; anything else is not a storage fault (null) and stays the boundary's business.
 */
import { statfsSync } from 'node:fs';

export type StorageFault = 'diskFull' | 'busy';

/** SQLite's and the OS's names for "no room left". */
const DISK_FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);

/**
 * Below this much free space a failed write is taken as a full disk. SQLite reports some
 * ENOSPC failures as a plain I/O error (SQLITE_IOERR_SHMSIZE, _TRUNCATE, _FSYNC …) and
 * better-sqlite3 does not pass the errno on, so for those the disk itself is asked.
 */
const NEARLY_FULL_BYTES = 1024 * 1024;

/**
 * 'diskFull' | 'busy' for a thrown error, or null when it is neither.
 * `dataDir`: where the failed write went; lets an SQLite I/O error be told apart from a full disk.
 */
export function storageFault(error: unknown, dataDir?: string): StorageFault | null {
  const code = errorCode(error);
  if (code === null) return null;
  if (DISK_FULL_CODES.has(code)) return 'diskFull';
  // SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_TIMEOUT, SQLITE_LOCKED, SQLITE_LOCKED_SHAREDCACHE …
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_IOERR') && dataDir !== undefined && freeBytes(dataDir) < NEARLY_FULL_BYTES) return 'diskFull';
  return null;
}

function errorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
}

/** Free bytes for an unprivileged writer on the file system holding `dir`; Infinity when it cannot be told. */
function freeBytes(dir: string): number {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
