/**
 * 「復元」 only ever installs a valid backup of this product: an empty file, a foreign or
 * truncated database, one from a newer version or from before the company was set up is
 * refused with a line naming the file and why, and the live data stays as it was.
 * A backup from an older version is migrated up and works.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { composeApp, DATABASE_FILE, type App } from '../../main/composition';
import { BACKUP_DIR } from '../../main/services/backup-service';
import { silentLogger } from '../../main/services/support/logger';
import { LATEST_VERSION, migrations } from '../../db/migrations';
import { FakeClock } from '../support/fake-clock';
import { holdDatabaseLock } from '../support/storage-faults';
import { ja } from '../../preload/i18n/ja';
import { makeTempDir } from '../support/temp-dir';
import { registerEmployee } from '../support/test-app';
import { gridQuerySchema } from '../../preload/schemas';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(): Promise<{ app: App; dir: string; backups: string; clock: FakeClock }> {
  const tmp = makeTempDir();
  cleanups.push(tmp.remove);
  const clock = new FakeClock(new Date(2026, 10, 25, 9, 0, 0).getTime());
  const app = composeApp({ dataDir: tmp.dir, clock, logger: silentLogger });
  cleanups.push(() => app.close());
  await app.auth.setup({ companyName: '試験株式会社', adminLastName: '管理', loginId: 'admin', password: 'long enough 1' });
  registerEmployee(app, { loginId: 'live', lastName: '現在' });
  return { app, dir: tmp.dir, backups: path.join(tmp.dir, BACKUP_DIR), clock };
}
const loginIds = (app: App) =>
  (app.db.prepare('SELECT login_id FROM employees ORDER BY id').all() as { login_id: string }[]).map((r) => r.login_id);
const restoreRefusal = async (app: App, fileName: string) => {
  const ctx = { sessionId: await app.auth.login({ loginId: 'admin', password: 'long enough 1' }), setSession() {} };
  return app.dispatcher.dispatch('backup.restore', { fileName }, ctx);
};

/** A database file at schema `version`, built with the real migrations (as an older app wrote it). */
function databaseAtVersion(file: string, version: number, fill?: (db: BetterSqlite3.Database) => void): void {
  const db = new BetterSqlite3(file);
  for (const m of migrations.filter((x) => x.version <= version)) m.up(db);
  db.pragma(`user_version = ${version}`);
  fill?.(db);
  db.close();
}

describe('「復元」 refuses anything but a valid backup of this product, and changes nothing', () => {
  const cases: [string, (file: string, valid: string) => void, string][] = [
    ['an empty (0-byte) file', (f) => writeFileSync(f, ''), 'データが入っていない'],
    ['an empty SQLite database', (f) => new BetterSqlite3(f).close(), 'データが入っていない'],
    ['a text file', (f) => writeFileSync(f, 'これはバックアップではありません\n'.repeat(200)), 'このアプリのバックアップではない'],
    ['a SQLite file with a foreign schema', (f) => {
      const db = new BetterSqlite3(f);
      db.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)');
      db.pragma('user_version = 3');
      db.close();
    }, 'このアプリのバックアップではない'],
    ['our tables with a column missing', (f) => databaseAtVersion(f, LATEST_VERSION, (db) => {
      db.exec("UPDATE settings SET setup_completed_at = 1, company_name = 'x'; ALTER TABLE punches DROP COLUMN source");
    }), 'このアプリのバックアップではない'],
    ['a truncated backup', (f, valid) => {
      copyFileSync(valid, f);
      truncateSync(f, Math.floor(readFileSync(f).length / 2));
    }, '破損している'],
    ['a backup from a newer version', (f, valid) => {
      copyFileSync(valid, f);
      const db = new BetterSqlite3(f);
      db.pragma('journal_mode = DELETE');
      db.pragma(`user_version = ${LATEST_VERSION + 1}`);
      db.close();
    }, 'より新しいバージョンのアプリで作成されている'],
    ['a backup from before the company was set up', (f) => databaseAtVersion(f, LATEST_VERSION), '初期設定（法人名と法人管理者の登録）が済んでいない'],
    ['a backup without its 法人管理者', (f) => databaseAtVersion(f, LATEST_VERSION, (db) => {
      db.exec("UPDATE settings SET setup_completed_at = 1, company_name = 'x'");
    }), '初期設定（法人名と法人管理者の登録）が済んでいない'],
  ];

  it.each(cases)('%s', async (_what, make, why) => {
    const { app, backups } = await setUp();
    for (let i = 0; i < 50; i++) registerEmployee(app, { loginId: `filler${i}`, lastName: '充填', department: 'x'.repeat(50), firstName: 'y'.repeat(30) });
    const valid = await app.backup.backupNow();
    registerEmployee(app, { loginId: 'after', lastName: '後' });
    const fileName = 'focus-u-20261125-100000.sqlite';
    make(path.join(backups, fileName), path.join(backups, valid.fileName));
    const before = loginIds(app);

    const r = await restoreRefusal(app, fileName);
    expect(r).toEqual({ ok: false, error: { code: 'VALIDATION', message: `バックアップ ${fileName} は${why}ため、復元できません。現在のデータは変更していません。` } });
    expect(loginIds(app)).toEqual(before);
    expect(app.settings.get().companyName).toBe('試験株式会社');
    expect(readdirSync(backups).filter((f) => /-(wal|shm|journal)$/.test(f))).toEqual([]);
  });
});

describe('a backup written by an older version', () => {
  it('is restored and migrated up to the latest schema, rows intact, and the app keeps working', async () => {
    const { app, backups } = await setUp();
    const older = LATEST_VERSION - 1;
    const fileName = 'focus-u-20261120-080000.sqlite';
    mkdirSync(backups, { recursive: true });
    databaseAtVersion(path.join(backups, fileName), older, (db) => {
      db.prepare("UPDATE settings SET company_name = '旧株式会社', setup_completed_at = ?").run(Date.UTC(2026, 10, 1));
      const insert = db.prepare(`INSERT INTO employees (login_id, code, last_name, first_name, department, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, 1, 1)`);
      db.prepare(`INSERT INTO employees (login_id, last_name, is_company_admin, password_status, issued_via, password_hash, created_at, updated_at)
        VALUES ('oldadmin', '管理', 1, 'issued', 'setup', 'x', 1, 1)`).run();
      insert.run('old1', '0011', '弥生', '憲司', '本社');
      insert.run('old2', '1011', '田所', '耕太郎', '大阪支店');
      db.prepare(`INSERT INTO audit_log (at, actor, action, result) VALUES (1, 'admin', '社員登録', 'ok')`).run();
    });

    await app.backup.restore(fileName);
    expect(app.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(loginIds(app)).toEqual(['oldadmin', 'old1', 'old2']);
    expect(app.settings.get().companyName).toBe('旧株式会社');
    expect(app.settings.get().portalTls.mode).toBe('none'); // the column the newest migration added
    const page = app.employees.list(gridQuerySchema.parse({}));
    expect(page.rows.map((r) => r.loginId)).toEqual(['oldadmin', 'old1', 'old2']);
    registerEmployee(app, { loginId: 'new', lastName: '新' });
    expect(loginIds(app)).toEqual(['oldadmin', 'old1', 'old2', 'new']);
  });
});

describe('the backups folder', () => {
  it('keeps no -wal or -shm files after backups and a restore, and sweeps away those it finds at start', async () => {
    const { app, dir, backups, clock } = await setUp();
    const one = await app.backup.backupNow();
    clock.advance(1000);
    await app.backup.backupNow();
    await app.backup.restore(one.fileName);
    expect(readdirSync(backups).sort()).toEqual(app.backup.list().map((b) => b.fileName).sort());

    // a backup opened by a tool (or an earlier version) left its -wal and -shm behind
    const probe = new BetterSqlite3(path.join(backups, one.fileName), { readonly: true });
    probe.pragma('quick_check');
    writeFileSync(path.join(backups, `${one.fileName}-wal`), '');
    writeFileSync(path.join(backups, `${one.fileName}-shm`), '');
    probe.close();
    await app.close();
    const again = composeApp({ dataDir: dir, logger: silentLogger });
    cleanups.push(() => again.close());
    expect(existsSync(path.join(backups, `${one.fileName}-wal`))).toBe(false);
    expect(existsSync(path.join(backups, `${one.fileName}-shm`))).toBe(false);
    await again.backup.restore(one.fileName);
    expect(readdirSync(backups).filter((f) => /-(wal|shm)$/.test(f))).toEqual([]);
  });
});

describe('「復元」 while another process holds the database', () => {
  it('answers with a clear message, changes nothing, leaves no staging file, and works once the lock is gone', async () => {
    const { app, dir } = await setUp();
    const b = await app.backup.backupNow();
    registerEmployee(app, { loginId: 'after', lastName: '後' });
    const ctx = { sessionId: await app.auth.login({ loginId: 'admin', password: 'long enough 1' }), setSession() {} };
    const lock = await holdDatabaseLock(path.join(dir, DATABASE_FILE));
    const refused = await app.dispatcher.dispatch('backup.restore', { fileName: b.fileName }, ctx);
    expect(refused).toEqual({ ok: false, error: { code: 'CONFLICT', message: ja.errors.databaseBusy } });
    expect(loginIds(app)).toEqual(['admin', 'live', 'after']);
    expect(readdirSync(dir).filter((f) => f.startsWith('restore-staging'))).toEqual([]);
    expect(app.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect((app.db.pragma('database_list') as { name: string }[]).map((d) => d.name)).not.toContain('restore_source');
    await lock.release();
    expect(await app.dispatcher.dispatch('backup.restore', { fileName: b.fileName }, ctx)).toEqual({ ok: true, result: { restored: true } });
    expect(loginIds(app)).toEqual(['admin', 'live']);
  }, 20_000);
});
