import { closeSync, openSync, readdirSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { composeApp, DATABASE_FILE } from '../../main/composition';
import { BACKUP_DIR } from '../../main/services/backup-service';
import { silentLogger } from '../../main/services/support/logger';
import { runHeadlessToExit, startHeadless } from '../support/headless-process';
import { FakeClock } from '../support/fake-clock';
import { makeTempDir } from '../support/temp-dir';
import { employeeInput } from '../support/test-app';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
/** A company (set up: only a set-up company's backup can be restored) on a fake clock. */
async function setUp({ company = true } = {}) {
  const tmp = makeTempDir();
  cleanups.push(tmp.remove);
  const clock = new FakeClock(new Date(2026, 10, 25, 9, 0, 0).getTime());
  const app = composeApp({ dataDir: tmp.dir, clock, logger: silentLogger });
  cleanups.push(() => app.close());
  if (company) await app.auth.setup({ companyName: '試験', adminLastName: '管理', loginId: 'admin', password: 'long enough 1' });
  return { app, clock, dir: tmp.dir };
}
const register = (app: ReturnType<typeof composeApp>, loginId: string) => {
  const { acceptDuplicateWarnings: _, ...f } = employeeInput({ loginId, lastName: loginId });
  return app.employees.create(f, true);
};
const loginIds = (app: ReturnType<typeof composeApp>) =>
  (app.db.prepare('SELECT login_id FROM employees ORDER BY id').all() as { login_id: string }[]).map((r) => r.login_id);

describe('バックアップ and 復元', () => {
  it('backs up while the app runs, keeps the newest, and restores a chosen backup in place', async () => {
    const { app, clock, dir } = await setUp();
    register(app, 'first');
    const one = await app.backup.backupNow();
    expect(one.fileName).toBe('focus-u-20261125-090000.sqlite');
    register(app, 'second');
    clock.advance(60_000);
    await app.backup.backupNow();
    register(app, 'third');
    expect(loginIds(app)).toEqual(['admin', 'first', 'second', 'third']);

    await app.backup.restore(one.fileName);
    expect(loginIds(app)).toEqual(['admin', 'first']); // the same connection sees the restored data
    register(app, 'after');
    expect(loginIds(app)).toEqual(['admin', 'first', 'after']);
    expect(readdirSync(path.join(dir, BACKUP_DIR)).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('keeps the 操作ログ across a restore: what happened after the backup is not forgotten', async () => {
    const { app, clock } = await setUp({ company: false });
    const ctx = { sessionId: null as string | null, setSession(id: string | null) { this.sessionId = id; } };
    await app.dispatcher.dispatch('auth.setup', { companyName: '試験', adminLastName: '管理', loginId: 'admin', password: 'long enough 1' }, ctx);
    const b = await app.dispatcher.dispatch('backup.create', {}, ctx);
    clock.advance(1000);
    await app.dispatcher.dispatch('employees.create', {
      loginId: 'later', code: '', honorific: '', lastName: '後', firstName: '', department: '', email1: '', email2: '', email3: '', recorderEnabled: true,
    }, ctx);
    await app.dispatcher.dispatch('backup.restore', { fileName: (b as { result: { fileName: string } }).result.fileName }, ctx);
    const actions = app.audit.list({ from: null, to: null, action: null, employee: null, page: 1, pageSize: 100 }).rows.map((r) => r.action).reverse();
    expect(actions).toEqual(['初期設定', 'バックアップ', '社員登録', '復元']);
    expect(loginIds(app)).toEqual(['admin']); // the data went back; the log did not
  });

  it('keeps only the newest 14 backups', async () => {
    const { app, clock } = await setUp();
    for (let i = 0; i < 16; i++) {
      await app.backup.backupNow();
      clock.advance(1000);
    }
    const list = app.backup.list();
    expect(list).toHaveLength(14);
    expect(list[0]!.fileName).toBe('focus-u-20261125-090015.sqlite');
  });

  it('refuses an unknown or damaged backup, changing nothing', async () => {
    const { app, dir } = await setUp();
    register(app, 'kept');
    const b = await app.backup.backupNow();
    const fd = openSync(path.join(dir, BACKUP_DIR, b.fileName), 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, 4096); // page 2 becomes garbage
    closeSync(fd);
    await expect(app.backup.restore(b.fileName)).rejects.toThrow();
    await expect(app.backup.restore('focus-u-19990101-000000.sqlite')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(loginIds(app)).toEqual(['admin', 'kept']);
  });
});

describe('a damaged database at start', () => {
  it('says so with the way out, and --restore-backup latest brings the data back', async () => {
    const { app, dir } = await setUp();
    register(app, 'precious');
    await app.backup.backupNow();
    await app.close();
    const file = path.join(dir, DATABASE_FILE);
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0xcd), 0, 8192, 4096);
    closeSync(fd);

    const refused = await runHeadlessToExit(['--data-dir', dir, '--port', '0', '--portal-port', '0']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `データベース（${file}）が破損しています。最新のバックアップから復元するには、起動オプション --restore-backup focus-u-20261125-090000.sqlite を付けて起動してください。\n`,
    );

    const p = await startHeadless(['--data-dir', dir, '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', '0', '--restore-backup', 'latest']);
    cleanups.push(() => p.stop());
    expect(p.stdout()).toContain('restored: focus-u-20261125-090000.sqlite');
    await p.stop();
    const again = composeApp({ dataDir: dir, logger: silentLogger });
    cleanups.push(() => again.close());
    expect(loginIds(again)).toEqual(['admin', 'precious']);
  });
});
