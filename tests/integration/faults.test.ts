/**
 * Faults from outside: another process locking the database, an SMTP server dropping the
 * connection in the middle of DATA. After each: nothing half-written, and the action can
 * be redone.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, composeApp } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { writeAccountSettings } from '../../db/queries/settings';
import { ROOT } from '../support/headless-process';
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

    // another program (here: another process) holds a write lock for 7 s, longer than the app waits
    const holder = spawn(process.execPath, ['-e', `
      const db = new (require('better-sqlite3'))(${JSON.stringify(path.join(tmp.dir, DATABASE_FILE))});
      db.exec('BEGIN IMMEDIATE'); console.log('locked'); setTimeout(() => { db.exec('ROLLBACK'); process.exit(0); }, 7000);
    `], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((r) => holder.stdout.once('data', r));
    const refused = await app.dispatcher.dispatch('employees.create', fields('blocked'), ctx);
    expect(refused).toEqual({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('データベースが他のプログラムに使用されているため') } });
    await new Promise((r) => holder.once('exit', r));
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
    expect(new BetterSqlite3(path.join(tmp.dir, DATABASE_FILE), { readonly: true }).prepare('SELECT count(*) AS n FROM verification_links').get()).toEqual({ n: 0 });
    expect(app.verification.view(id).history[0]).toMatchObject({ kind: 'verification', result: 'failed' });

    await app.verification.sendVerification(id, 1); // redone
    expect(app.employees.get(id)).toMatchObject({ password: 'issuing', verification: 'waiting' });
  });
});
