/**
 * The process killed (SIGKILL) in the middle of a bulk PDF issue, a CSV import and a
 * backup: on restart every employee is consistent, nothing is half-written, and the
 * action can be done again.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { insertEmployee } from '../../db/queries/employees';
import { composeApp } from '../../main/composition';
import { BACKUP_DIR, listBackups } from '../../main/services/backup-service';
import { silentLogger } from '../../main/services/support/logger';
import { ROOT } from '../support/headless-process';
import { makeTempDir } from '../support/temp-dir';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function seeded(n: number): string {
  const tmp = makeTempDir();
  cleanups.push(tmp.remove);
  const app = composeApp({ dataDir: tmp.dir, logger: silentLogger });
  app.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      insertEmployee(app.db, {
        loginId: `user${i}`, code: String(1000 + i), honorific: '', lastName: '社員', firstName: String(i), department: '',
        email1: null, email2: null, email3: null, recorderEnabled: true,
      }, Date.now());
    }
  })();
  void app.close();
  return tmp.dir;
}

/** Starts the work, kills it after `afterMs`, and resolves when it is gone. */
async function killMidWork(what: string, dataDir: string, afterMs: number): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/work-child.ts', what, dataDir], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve) => child.stdout.on('data', () => out.includes('working') && resolve()));
  await new Promise((r) => setTimeout(r, afterMs));
  const exited = new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
  child.kill('SIGKILL');
  await exited;
  return out;
}

const quickCheck = (dir: string, file: string) => {
  const db = new BetterSqlite3(path.join(dir, file), { readonly: true });
  try {
    return db.pragma('quick_check', { simple: true });
  } finally {
    db.close();
  }
};

describe('SIGKILL in the middle of the work', () => {
  it('a bulk PDF issue: all of it or none of it, and it can be done again', async () => {
    const dir = seeded(150);
    await killMidWork('pdf', dir, 900);
    const app = composeApp({ dataDir: dir, logger: silentLogger });
    cleanups.push(() => app.close());
    const rows = app.db.prepare('SELECT password_status AS p, password_hash AS h, issued_via AS v FROM employees').all() as
      { p: string; h: string | null; v: string | null }[];
    for (const r of rows) expect(r.p === 'issued' ? r.h !== null && r.v === 'pdf' : r.p === 'unissued' && r.h === null).toBe(true);
    expect(new Set(rows.map((r) => r.p)).size).toBe(1); // one transaction: every row or none
    const ids = (app.db.prepare(`SELECT id FROM employees WHERE password_status = 'unissued'`).all() as { id: number }[]).map((r) => r.id);
    if (ids.length > 0) {
      const issue = await app.issuance.prepare({ kind: 'password', mode: 'bulk', ids });
      expect((await app.issuance.deliver(issue.id, async () => 'delivered')).counts.success).toBe(ids.length);
    }
  });

  it('a CSV import: all rows or none, and it can be done again', async () => {
    const dir = seeded(1);
    await killMidWork('csv', dir, 800);
    const app = composeApp({ dataDir: dir, logger: silentLogger });
    cleanups.push(() => app.close());
    const n = (app.db.prepare('SELECT count(*) AS n FROM employees').get() as { n: number }).n;
    expect([1, 20_001]).toContain(n);
  });

  it('a backup: only complete backups are listed, and the database is intact', async () => {
    const dir = seeded(2000);
    await killMidWork('backup', dir, 700);
    expect(quickCheck(dir, 'focus-u.sqlite')).toBe('ok');
    for (const b of listBackups(path.join(dir, BACKUP_DIR))) expect(quickCheck(path.join(dir, BACKUP_DIR), b.fileName)).toBe('ok');
    const app = composeApp({ dataDir: dir, logger: silentLogger });
    cleanups.push(() => app.close());
    const again = await app.backup.backupNow();
    expect(quickCheck(path.join(dir, BACKUP_DIR), again.fileName)).toBe('ok');
  });
});
