/**
 * The data folder holds password hashes, the SMTP key and the audit log: owner-only, always.
 * Folders 0700, files 0600 — after a start, a backup and a restore, and also for a folder an
 * earlier version left world-readable.
 */
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { composeApp, DATABASE_FILE } from '../../main/composition';
import { BACKUP_DIR } from '../../main/services/backup-service';
import { silentLogger } from '../../main/services/support/logger';
import { FakeClock } from '../support/fake-clock';
import { makeTempDir } from '../support/temp-dir';
import { registerEmployee } from '../support/test-app';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Every entry under `dir` (itself included) whose mode is not 0700 (folders) or 0600 (files). */
function looserThanOwnerOnly(dir: string): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = statSync(p);
    const mode = st.mode & 0o777;
    if (st.isDirectory()) {
      if (mode !== 0o700) out.push(`${p} ${mode.toString(8)}`);
      for (const e of readdirSync(p)) walk(path.join(p, e));
    } else if (mode !== 0o600) out.push(`${p} ${mode.toString(8)}`);
  };
  walk(dir);
  return out;
}

describe.skipIf(process.platform === 'win32')('owner-only files (POSIX modes; Windows has ACLs instead)', () => {
  it('after a start, a backup and a restore: folders 0700, files 0600 (database, -wal, -shm, backups, lock)', async () => {
    const tmp = makeTempDir();
    cleanups.push(tmp.remove);
    const dataDir = path.join(tmp.dir, 'data');
    const clock = new FakeClock(new Date(2026, 10, 25, 9, 0, 0).getTime());
    const app = composeApp({ dataDir, clock, logger: silentLogger });
    cleanups.push(() => app.close());
    await app.auth.setup({ companyName: '試験株式会社', adminLastName: '管理', loginId: 'admin', password: 'long enough 1' });
    registerEmployee(app, { loginId: 'one', lastName: '一' });
    const entries = readdirSync(dataDir);
    expect(entries).toEqual(expect.arrayContaining([DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`]));
    expect(looserThanOwnerOnly(dataDir), 'after the start').toEqual([]);

    const b = await app.backup.backupNow();
    expect(looserThanOwnerOnly(dataDir), 'after a backup').toEqual([]);
    await app.backup.restore(b.fileName);
    expect(looserThanOwnerOnly(dataDir), 'after a restore').toEqual([]);
    expect(readdirSync(path.join(dataDir, BACKUP_DIR))).toEqual([b.fileName]);
  });

  it('tightens a folder an earlier version left world-readable', async () => {
    const tmp = makeTempDir();
    cleanups.push(tmp.remove);
    const dataDir = path.join(tmp.dir, 'data');
    mkdirSync(path.join(dataDir, BACKUP_DIR), { recursive: true });
    chmodSync(dataDir, 0o755);
    chmodSync(path.join(dataDir, BACKUP_DIR), 0o755);
    const old = new BetterSqlite3(path.join(dataDir, DATABASE_FILE));
    old.pragma('journal_mode = WAL');
    old.close();
    chmodSync(path.join(dataDir, DATABASE_FILE), 0o644);
    writeFileSync(path.join(dataDir, BACKUP_DIR, 'focus-u-20261101-090000.sqlite'), '', { mode: 0o644 });
    const app = composeApp({ dataDir, logger: silentLogger });
    cleanups.push(() => app.close());
    expect(looserThanOwnerOnly(dataDir)).toEqual([]);
  });
});
