import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, openSync, writeSync, closeSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './headless-process';

/**
 * Another program holding the database's write lock (BEGIN IMMEDIATE) until `release()`: a real
 * second process, as a backup tool or a second copy of the app would.
 */
export async function holdDatabaseLock(file: string): Promise<{ release(): Promise<void> }> {
  const holder = spawn(process.execPath, ['-e', `
    const db = new (require('better-sqlite3'))(${JSON.stringify(file)});
    db.exec('BEGIN IMMEDIATE'); console.log('locked');
    process.stdin.once('data', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });
  `], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise((r) => holder.stdout!.once('data', r));
  return {
    release: () => new Promise<void>((resolve) => {
      if (holder.exitCode !== null) return resolve();
      holder.once('exit', () => resolve());
      holder.stdin!.end('release\n');
    }),
  };
}

/**
 * A data folder on its own small file system (tmpfs; the tests run as root), and a filler that
 * takes every free byte until `free()`.
 */
export function smallDisk(parent: string, size = '8m'): { dir: string; fill(): void; free(): void; unmount(): void } {
  const dir = path.join(parent, 'disk');
  mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  const filler = path.join(dir, 'filler');
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'w');
      const chunk = Buffer.alloc(64 * 1024);
      try {
        for (;;) writeSync(fd, chunk);
      } catch {
        // ENOSPC: the disk is full now; fill the last bytes too
        try {
          for (;;) writeSync(fd, chunk.subarray(0, 512));
        } catch { /* full */ }
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    unmount() {
      execFileSync('umount', [dir]);
    },
  };
}
