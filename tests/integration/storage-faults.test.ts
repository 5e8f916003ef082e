/**
 * Storage faults get named at every boundary: a database held by another process, and a full
 * disk under the data folder (a small tmpfs the test fills). For each boundary — a contract call,
 * the CSV import, a bulk mail start, 「今すぐバックアップ」, a LAN page's write — the named message, nothing changed,
 * and the same action works once the fault is gone.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeApp, DATABASE_FILE, type App } from '../../main/composition';
import type { RunningServer } from '../../main/portal/server';
import { silentLogger } from '../../main/services/support/logger';
import { storageFault } from '../../main/services/support/storage-faults';
import { insertEmployee } from '../../db/queries/employees';
import { writeAccountSettings } from '../../db/queries/settings';
import { setCheckpointHook } from '../../main/services/support/checkpoints';
import { BrowserLikeClient, csrfOf } from '../support/browser-like-client';
import { issueByPdf } from '../support/issue-by-pdf';
import { holdDatabaseLock, mountSmallDisk, tmpfsUnavailable, type SmallDisk } from '../support/storage-faults';
import { makeTempDir } from '../support/temp-dir';
import { registerEmployee } from '../support/test-app';

const BUSY = '他のプログラムがデータを使用中です。しばらくしてからもう一度お試しください。';
const FULL = 'ディスクの空き容量が不足しています。';

interface Fault {
  start(): Promise<void>;
  stop(): Promise<void>;
}

interface Setting {
  name: 'busy' | 'diskFull';
  skip: string | null;
  /** the data folder, and how to take it down afterwards */
  dataDir(): { dir: string; remove(): void; disk?: SmallDisk };
  fault(app: App, dataDir: string, disk?: SmallDisk): Fault;
}

const settings: Setting[] = [
  {
    name: 'busy',
    skip: null,
    dataDir: () => makeTempDir(),
    fault: (_app, dataDir) => {
      let lock: { release(): Promise<void> } | null = null;
      return {
        start: async () => void (lock = await holdDatabaseLock(path.join(dataDir, DATABASE_FILE))),
        stop: async () => lock?.release(),
      };
    },
  },
  {
    name: 'diskFull',
    skip: tmpfsUnavailable,
    dataDir: () => {
      const disk = mountSmallDisk('8m');
      return { dir: path.join(disk.dir, 'data'), remove: () => disk.unmount(), disk };
    },
    fault: (app, _dataDir, disk) => ({
      start: async () => {
        // an empty WAL, so that the next write needs new blocks (as after any checkpoint that truncates)
        app.db.pragma('wal_checkpoint(TRUNCATE)');
        disk!.fill();
      },
      stop: async () => disk!.free(),
    }),
  },
];

for (const setting of settings) {
  describe.skipIf(setting.skip !== null)(`storage fault: ${setting.name}${setting.skip ? ` (skipped: ${setting.skip})` : ''}`, () => {
    let app: App;
    let folder: ReturnType<Setting['dataDir']>;
    let fault: Fault;
    let portal: RunningServer;
    const ctx = { sessionId: null as string | null, setSession(id: string | null) { this.sessionId = id; } };

    beforeEach(async () => {
      folder = setting.dataDir();
      app = composeApp({ dataDir: folder.dir, logger: silentLogger });
      await app.dispatcher.dispatch('auth.setup', { companyName: '試験', adminLastName: '管理', loginId: 'admin', password: 'long enough 1' }, ctx);
      writeAccountSettings(app.db, { notifyMethod: 'pdf', verificationDays: 7, requirePasswordChange: false });
      portal = await app.startPortal({ host: '127.0.0.1', port: 0 });
      fault = setting.fault(app, folder.dir, folder.disk);
    });
    afterEach(async () => {
      await fault.stop();
      await app.close();
      folder.remove();
    });

    /** Everything an employee or the administrator could see change (the 操作ログ may record the refusal). */
    const snapshot = () => JSON.stringify(['employees', 'portal_sessions', 'punches', 'verification_links', 'settings']
      .map((t) => app.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));

    it('a contract write (社員新規登録) is refused with the named message, and works once the fault is gone', async () => {
      const input = { loginId: 'blocked', code: '', honorific: '', lastName: '試験', firstName: '', department: '', email1: '', email2: '', email3: '', recorderEnabled: true };
      const before = snapshot();
      await fault.start();
      const refused = await app.dispatcher.dispatch('employees.create', input, ctx);
      expect(refused).toEqual({
        ok: false,
        error: setting.name === 'busy' ? { code: 'CONFLICT', message: BUSY } : { code: 'INTERNAL', message: `${FULL}変更は保存されていません。` },
      });
      await fault.stop();
      expect(snapshot()).toBe(before);
      const redone = await app.dispatcher.dispatch('employees.create', input, ctx);
      expect(redone).toMatchObject({ ok: true, result: { status: 'saved' } });
    }, 30_000);

    it('a CSV import is refused at its commit with the named message, imports nothing, and the same preview imports afterwards', async () => {
      const csv = Buffer.from('社員コード,姓,名,所属,メールアドレス1,メールアドレス2,メールアドレス3\r\n0101,山田,花子,本社,,,\r\n0102,佐藤,一郎,本社,,,\r\n');
      const preview = await app.csv.previewImport('pattern2', 'utf8', csv);
      expect(preview.previewId).toBeTruthy();
      const before = snapshot();
      await fault.start();
      await expect(app.csv.commitImport(preview.previewId!)).rejects.toThrow(setting.name === 'busy' ? BUSY : `${FULL}社員情報は取り込まれていません。`);
      await fault.stop();
      expect(snapshot()).toBe(before);
      expect(await app.csv.commitImport(preview.previewId!)).toEqual({ created: 2, updated: 0 });
    }, 30_000);

    it('a bulk mail start is refused with the named message and leaves no job, also when the fault comes between two pieces of its rows; it starts afterwards', async () => {
      const ids = app.db.transaction(() => Array.from({ length: 60 }, (_, i) => insertEmployee(app.db, {
        loginId: `bulk${i}`, code: String(5000 + i), honorific: '', lastName: '一括', firstName: String(i), department: '',
        email1: `bulk${i}@example.co.jp`, email2: null, email3: null, recorderEnabled: true,
      }, Date.now())))();
      const input = { items: ids.map((id) => ({ id, slot: 1 as const })) };
      const refusal = setting.name === 'busy' ? { code: 'CONFLICT', message: BUSY } : { code: 'INTERNAL', message: `${FULL}変更は保存されていません。` };
      const before = snapshot();
      await fault.start();
      expect(await app.dispatcher.dispatch('bulkMail.start', input, ctx)).toEqual({ ok: false, error: refusal });
      await fault.stop();
      if (setting.name === 'diskFull') {
        // the disk fills after the first piece of the job's rows is stored, before the next
        setCheckpointHook((point) => {
          if (point !== 'bulkMail.storingRows') return;
          setCheckpointHook(null);
          app.db.pragma('wal_checkpoint(TRUNCATE)');
          folder.disk!.fill();
        });
        try {
          expect(await app.dispatcher.dispatch('bulkMail.start', input, ctx)).toEqual({ ok: false, error: refusal });
        } finally {
          setCheckpointHook(null);
          await fault.stop();
        }
      }
      expect(snapshot()).toBe(before);
      expect(await app.bulkMail.latest()).toBeNull();
      const started = await app.dispatcher.dispatch('bulkMail.start', input, ctx);
      expect(started).toMatchObject({ ok: true, result: { total: 60 } });
      await app.bulkMail.idle();
    }, 30_000);

    it('「今すぐバックアップ」 names the fault or is not hindered by it, and leaves no partial file', async () => {
      await fault.start();
      if (setting.name === 'diskFull') {
        await expect(app.backup.backupNow()).rejects.toThrow(`${FULL}バックアップは作成されていません。`);
        expect(app.backup.list()).toEqual([]);
      } else {
        // SQLite's online backup reads the last committed state: a write lock held elsewhere does not stop it
        expect((await app.backup.backupNow()).fileName).toMatch(/^focus-u-.*\.sqlite$/);
      }
      await fault.stop();
      const written = await app.backup.backupNow();
      expect(app.backup.list().map((b) => b.fileName)).toContain(written.fileName);
    }, 30_000);

    it('a LAN page\'s write (the portal login) answers 503 with the named message in Japanese, and logging in works afterwards', async () => {
      const id = registerEmployee(app, { loginId: 'tanaka', lastName: '田中', firstName: '太郎', code: '0011' });
      const password = await issueByPdf(app, id, 'password');
      const browser = new BrowserLikeClient(portal.url);
      const page = await browser.get('/login');
      const before = snapshot();
      await fault.start();
      const refused = await browser.request('POST', '/login', { _csrf: csrfOf(page.html), loginId: 'tanaka', password });
      expect(refused.status).toBe(503);
      expect(refused.html).toContain(setting.name === 'busy' ? BUSY : `${FULL}操作は完了していません。`);
      expect(refused.html).toContain('<html lang="ja"');
      await fault.stop();
      expect(snapshot()).toBe(before);
      const again = await browser.get('/login');
      const home = await browser.post('/login', { _csrf: csrfOf(again.html), loginId: 'tanaka', password });
      expect(home.html).toContain('田中 太郎 さん');
    }, 30_000);
  });
}

describe('the storage fault classifier', () => {
  it('names SQLite\'s and the OS\'s codes, and nothing else', () => {
    const coded = (code: string) => Object.assign(new Error(code), { code });
    expect(storageFault(coded('SQLITE_FULL'))).toBe('diskFull');
    expect(storageFault(coded('ENOSPC'))).toBe('diskFull');
    expect(storageFault(coded('EDQUOT'))).toBe('diskFull');
    expect(storageFault(coded('SQLITE_BUSY'))).toBe('busy');
    expect(storageFault(coded('SQLITE_BUSY_SNAPSHOT'))).toBe('busy');
    expect(storageFault(coded('SQLITE_LOCKED'))).toBe('busy');
    expect(storageFault(coded('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(storageFault(coded('EACCES'))).toBeNull();
    expect(storageFault(new Error('plain'))).toBeNull();
    expect(storageFault('text')).toBeNull();
    expect(storageFault(null)).toBeNull();
    // an I/O error is a full disk only where the disk is full
    expect(storageFault(coded('SQLITE_IOERR_WRITE'), tmpdir())).toBeNull();
  });

  it.skipIf(tmpfsUnavailable !== null)('takes an SQLite I/O error on a full disk for a full disk', () => {
    const disk = mountSmallDisk('1m');
    try {
      disk.fill();
      expect(storageFault(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_SHMSIZE' }), disk.dir)).toBe('diskFull');
    } finally {
      disk.unmount();
    }
  });
});
