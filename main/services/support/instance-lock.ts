/**
 * One server per data folder. Taken before anything else runs — before the database is
 * migrated or a crash recovery marks another process's in-flight work as crashed.
 *
 * Why SQLite's own exclusive lock (db/lock-file.ts) rather than a lock file library such as
 * proper-lockfile: an OS lock is released by the kernel when its process dies, even by
 * SIGKILL or a power cut, so a start after a crash never waits for a stale lock to age out
 * or guesses whether a PID is still alive; it needs no new dependency; and it behaves the
 * same on Linux (fcntl) and Windows (LockFileEx).
 *
 * Who holds it (which program — the desktop app or the server —, PID, since when, which host)
 * is written to a side file, so that a refused start can name the other process.
 */
import { hostname } from 'node:os';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { holdFileExclusively } from '../../../db/lock-file';
import { ja } from '../../../preload/i18n/ja';
import { formatDateTime } from '../../../preload/i18n/format-date-time';

export const LOCK_FILE = 'instance.lock';
export const HOLDER_FILE = 'instance.lock.holder.json';

export class DataFolderInUseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataFolderInUseError';
  }
}

export interface InstanceLock {
  release(): void;
}

/** the program taking the lock: the desktop app and the headless server refuse each other by name */
export type HolderKind = 'desktop' | 'server';

interface Holder { pid: number; startedAt: number; host: string; what?: HolderKind }

/** Takes the data folder (which must exist) for this process, or throws DataFolderInUseError naming the holder. */
export function takeInstanceLock(dataDir: string, what?: HolderKind): InstanceLock {
  const held = holdFileExclusively(path.join(dataDir, LOCK_FILE));
  if (!held) throw new DataFolderInUseError(ja.cli.dataDirInUse(dataDir, describeHolder(readHolder(dataDir))));
  const holderFile = path.join(dataDir, HOLDER_FILE);
  // written whole then renamed: a refused start never reads half of it (it is real time, not a test's clock)
  const holder: Holder = { pid: process.pid, startedAt: Date.now(), host: hostname(), ...(what ? { what } : {}) };
  writeFileSync(`${holderFile}.tmp`, JSON.stringify(holder), { mode: 0o600 });
  renameSync(`${holderFile}.tmp`, holderFile);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      rmSync(holderFile, { force: true }); // while still held: the next holder's file is never removed
      held.release();
    },
  };
}

function readHolder(dataDir: string): Holder | null {
  try {
    const h = JSON.parse(readFileSync(path.join(dataDir, HOLDER_FILE), 'utf8')) as Partial<Holder>;
    if (typeof h.pid !== 'number' || typeof h.startedAt !== 'number' || typeof h.host !== 'string') return null;
    return { pid: h.pid, startedAt: h.startedAt, host: h.host, ...(h.what === 'desktop' || h.what === 'server' ? { what: h.what } : {}) };
  } catch {
    return null; // not written yet (the holder is starting at this very moment), or unreadable
  }
}

function describeHolder(h: Holder | null) {
  return h && { pid: h.pid, since: formatDateTime(h.startedAt), host: h.host === hostname() ? null : h.host, what: h.what ? ja.cli.holder[h.what] : undefined };
}
