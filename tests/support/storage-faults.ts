/**
 * The two storage faults, made for real: another process holding the database's write lock,
 * and a data folder on a small tmpfs that the test fills up (mount needs root, which CI and
 * sessions are; elsewhere the full-disk tests are skipped with the reason).
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, rmdirSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './headless-process';

/** Another program (here: another process) holding `BEGIN IMMEDIATE` on the database until released. */
export async function holdDatabaseLock(databaseFile: string): Promise<{ release(): Promise<void> }> {
  const holder = spawn(process.execPath, ['-e', `
    const db = new (require('better-sqlite3'))(${JSON.stringify(databaseFile)});
    db.exec('BEGIN IMMEDIATE'); console.log('locked');
    process.stdin.on('data', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });
  `], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    holder.stdout.once('data', resolve);
    holder.once('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
  return {
    release: () => new Promise<void>((resolve) => {
      if (holder.exitCode !== null) return resolve();
      holder.once('exit', () => resolve());
      holder.stdin.write('release\n');
    }),
  };
}

/** Why the full-disk tests cannot run here, or null when a tmpfs can be mounted. */
export const tmpfsUnavailable: string | null = (() => {
  const probe = mkdtempSync(path.join(tmpdir(), 'focusu-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'pipe' });
    execFileSync('umount', [probe]);
    return null;
  } catch (e) {
    return `mounting a tmpfs is not permitted here (${String(e).split('\n')[0]}): the full-disk tests need root`;
  } finally {
    rmdirSync(probe);
  }
})();

export interface SmallDisk {
  /** the mount point: use it (or a folder in it) as the data folder */
  dir: string;
  /** takes every free byte with a filler file */
  fill(): void;
  /** gives the room back */
  free(): void;
  unmount(): void;
}

/** A tmpfs of `size` (e.g. '8m') mounted on a fresh folder. */
export function mountSmallDisk(size: string): SmallDisk {
  const dir = mkdtempSync(path.join(tmpdir(), 'focusu-small-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  const filler = path.join(dir, 'filler');
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
      }
      // the last partial chunk: the disk keeps not even one byte
      const one = Buffer.alloc(1, 1);
      try {
        for (;;) writeSync(fd, one);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
      } finally {
        closeSync(fd);
      }
    },
    free: () => rmSync(filler, { force: true }),
    unmount() {
      execFileSync('umount', ['-l', dir]);
      rmdirSync(dir);
    },
  };
}
