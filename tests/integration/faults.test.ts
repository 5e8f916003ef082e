/**
 * Faults from outside: another process locking the database, an SMTP server dropping the
 * connection in the middle of DATA, a full disk under the PDF. After each: nothing half-written, and the action can
 * be redone.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, composeApp } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { writeAccountSettings } from '../../db/queries/settings';
import { writePdfFile } from '../../main/services/pdf/write-pdf-file';
import { holdDatabaseLock } from '../support/storage-faults';
import { startTestSmtpServer } from '../support/smtp-test-server';
import { makeTempDir } from '../support/temp-dir';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const fields = (loginId: string) => ({
  loginId, code: '', honorific: '', lastName: '試験', firstName: '', department: '', email1: '', email2: '', email3: '', recorderEnabled: true,
});

describe('the database locked by another process', () => {
  it('answers with a clear message, changes nothing, and works again once the lock is gone', async () => {
    const tmp = makeTempDir();
    cleanups.push(tmp.remove);
    const app = composeApp({ dataDir: tmp.dir, logger: silentLogger });
    cleanups.push(() => app.close());
    const ctx = { sessionId: null as string | null, setSession(id: string | null) { this.sessionId = id; } };
    await app.dispatcher.dispatch('auth.setup', { companyName: '試験', adminLastName: '管理', loginId: 'admin', password: 'long enough 1' }, ctx);

    // another program (here: another process) holds a write lock, longer than the app waits
    const lock = await holdDatabaseLock(path.join(tmp.dir, DATABASE_FILE));
    const refused = await app.dispatcher.dispatch('employees.create', fields('blocked'), ctx);
    expect(refused).toEqual({ ok: false, error: { code: 'CONFLICT', message: '他のプログラムがデータを使用中です。しばらくしてからもう一度お試しください。' } });
    await lock.release();
    const redone = await app.dispatcher.dispatch('employees.create', fields('blocked'), ctx);
    expect(redone.ok).toBe(true);
  }, 20_000);
});

describe('an SMTP server that drops the connection in the middle of DATA', () => {
  it('leaves the employee untouched, records the failure, and a resend works', async () => {
    const tmp = makeTempDir();
    cleanups.push(tmp.remove);
    const smtp = await startTestSmtpServer({}, { dropDuringData: 1 });
    cleanups.push(() => smtp.close());
    const app = composeApp({ dataDir: tmp.dir, logger: silentLogger, smtpUrl: smtp.url });
    cleanups.push(() => app.close());
    writeAccountSettings(app.db, { notifyMethod: 'mail', verificationDays: 7, requirePasswordChange: true });
    const r = app.employees.create({ ...fields('tanaka'), email1: 'tanaka@example.co.jp' }, true);
    const id = r.status === 'saved' ? r.employee.id : -1;

    await expect(app.verification.sendVerification(id, 1)).rejects.toThrow(/メール/);
    expect(app.employees.get(id)).toMatchObject({ password: 'unissued', verification: 'none' });
    // the link stored before the mail left died with its refusal
    expect(new BetterSqlite3(path.join(tmp.dir, DATABASE_FILE), { readonly: true })
      .prepare('SELECT count(*) AS n FROM verification_links WHERE revoked_at IS NULL').get()).toEqual({ n: 0 });
    expect(app.verification.view(id).history[0]).toMatchObject({ kind: 'verification', result: 'failed' });

    await app.verification.sendVerification(id, 1); // redone
    expect(app.employees.get(id)).toMatchObject({ password: 'issuing', verification: 'waiting' });
  });
});

describe('the disk refusing the PDF write', () => {
  it('stores nothing when the disk is full, says so, and the issue works once there is room', async () => {
    const tmp = makeTempDir();
    cleanups.push(tmp.remove);
    // a 64 KiB file system: the notices of 40 employees do not fit (as root, which CI and sessions are)
    const full = path.join(tmp.dir, 'tiny');
    mkdirSync(full);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', full]);
    cleanups.push(() => execFileSync('umount', [full]));
    const app = composeApp({ dataDir: tmp.dir, logger: silentLogger });
    cleanups.push(() => app.close());
    const ids = Array.from({ length: 40 }, (_, i) => {
      const r = app.employees.create(fields(`user${i}`), true);
      return r.status === 'saved' ? r.employee.id : -1;
    });
    const before = JSON.stringify(app.db.prepare('SELECT * FROM employees ORDER BY id').all());
    const issue = await app.issuance.prepare({ kind: 'password', mode: 'bulk', ids });
    const result = await app.issuance.deliver(issue.id, async (pdf) => {
      await writePdfFile(path.join(full, 'notices.pdf'), pdf);
      return 'delivered';
    });
    expect(result.counts.failure).toBe(40);
    expect(result.rows[0]!.note).toBe('ディスクの空き容量が不足しているため、PDFを保存できませんでした。発行は行われていません（現在のパスワード・パスコードはそのまま使えます）。');
    expect(JSON.stringify(app.db.prepare('SELECT * FROM employees ORDER BY id').all())).toBe(before);
    expect(readdirSync(full)).toEqual([]); // no half-written file left behind

    const again = await app.issuance.prepare({ kind: 'password', mode: 'bulk', ids });
    const ok = await app.issuance.deliver(again.id, async (pdf) => {
      await writePdfFile(path.join(tmp.dir, 'notices.pdf'), pdf);
      return 'delivered';
    });
    expect(ok.counts.success).toBe(40);
  });
});
