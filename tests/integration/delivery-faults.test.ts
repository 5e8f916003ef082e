/**
 * A database that refuses to store a delivery — locked by another process, or on a full disk —
 * before the secret leaves: nothing is mailed or delivered, the old secret keeps working, the
 * action works again afterwards. And one that refuses the confirmation after the secret left:
 * the delivered secret works all the same.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeAccountSettings } from '../../db/queries/settings';
import { composeApp, DATABASE_FILE, type App } from '../../main/composition';
import { setCheckpointHook } from '../../main/services/support/checkpoints';
import { silentLogger } from '../../main/services/support/logger';
import BetterSqlite3 from 'better-sqlite3';
import { holdDatabaseLock, mountSmallDisk, tmpfsUnavailable } from '../support/storage-faults';
import { issueByPdf } from '../support/issue-by-pdf';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp-test-server';
import { makeTempDir } from '../support/temp-dir';
import { registerEmployee } from '../support/test-app';
import { ja } from '../../preload/i18n/ja';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  setCheckpointHook(null);
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(dataDir?: string): Promise<{ app: App; smtp: TestSmtpServer; dir: string }> {
  const tmp = makeTempDir();
  cleanups.push(tmp.remove);
  const dir = dataDir ?? tmp.dir;
  const smtp = await startTestSmtpServer();
  cleanups.push(() => smtp.close());
  const app = composeApp({ dataDir: dir, logger: silentLogger, smtpUrl: smtp.url });
  cleanups.push(() => app.close());
  writeAccountSettings(app.db, { notifyMethod: 'mail', verificationDays: 7, requirePasswordChange: false });
  return { app, smtp, dir };
}

const accountMails = (smtp: TestSmtpServer) => smtp.mails.filter((m) => m.subject === '【Focus U】アカウント通知');
const passwordIn = (text: string) => /^パスワード：(\S+)$/m.exec(text)![1]!;
const tokenIn = (text: string) => /\/verify\/([0-9a-z]{9}[A-Za-z0-9_-]{43})$/m.exec(text)![1]!;

async function withVerificationLink(app: App, smtp: TestSmtpServer) {
  const id = registerEmployee(app, { loginId: 'sato', lastName: '佐藤', email1: 'sato@example.co.jp' });
  await app.verification.sendVerification(id, 1);
  return { id, token: tokenIn(smtp.mails.at(-1)!.text) };
}

describe('the database locked by another process before the secret leaves', () => {
  it('「認証する」: nothing is mailed, the page says to try later, the link works once the lock is gone', async () => {
    const { app, smtp, dir } = await setUp();
    const { id, token } = await withVerificationLink(app, smtp);
    const lock = await holdDatabaseLock(path.join(dir, DATABASE_FILE));
    expect(await app.verification.verify(token)).toBe('unavailable');
    await lock.release();
    expect(accountMails(smtp)).toHaveLength(0);
    expect(app.employees.get(id)).toMatchObject({ password: 'issuing', verification: 'waiting' });
    expect(await app.verification.verify(token)).toBe('verified');
    expect(await app.portalAuth.login('sato', passwordIn(accountMails(smtp)[0]!.text))).not.toBeNull();
  }, 30_000);

  it('「アカウント通知メール送信」: refused with the reason, nothing mailed, the old password keeps working', async () => {
    const { app, smtp, dir } = await setUp();
    const id = registerEmployee(app, { loginId: 'sato', lastName: '佐藤', email1: 'sato@example.co.jp' });
    const old = await issueByPdf(app, id, 'password');
    const ctx = { sessionId: null as string | null, setSession() {} };
    ctx.sessionId = await app.auth.setup({ companyName: '試験', adminLastName: '管理', loginId: 'admin', password: 'long enough 1' });
    const lock = await holdDatabaseLock(path.join(dir, DATABASE_FILE));
    const refused = await app.dispatcher.dispatch('mailIssue.sendAccountMail', { id, slot: 1 }, ctx);
    await lock.release();
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(accountMails(smtp)).toHaveLength(0);
    expect(await app.portalAuth.login('sato', old)).not.toBeNull();
  }, 30_000);

  it('a PDF issue: the notice is not handed over, the old password keeps working', async () => {
    const { app, dir } = await setUp();
    const id = registerEmployee(app, { loginId: 'sato', lastName: '佐藤' });
    const old = await issueByPdf(app, id, 'password');
    const issue = await app.issuance.prepare({ kind: 'password', mode: 'individual', ids: [id] });
    const lock = await holdDatabaseLock(path.join(dir, DATABASE_FILE));
    let handedOver = false;
    const result = await app.issuance.deliver(issue.id, async () => {
      handedOver = true;
      return 'delivered';
    });
    await lock.release();
    expect(handedOver).toBe(false);
    expect(result.counts).toEqual({ success: 0, failure: 1, excluded: 0 });
    expect(result.rows[0]!.note).toBe(ja.issue.notReservedBusy);
    expect(await app.portalAuth.login('sato', old)).not.toBeNull();
  }, 30_000);
});

describe.skipIf(tmpfsUnavailable !== null)(`a full disk before the secret leaves${tmpfsUnavailable ? ` (skipped: ${tmpfsUnavailable})` : ''}`, () => {
  it('「認証する」 and 「アカウント通知メール送信」: nothing is mailed; both work once there is room', async () => {
    const disk = mountSmallDisk('8m');
    cleanups.push(() => disk.unmount());
    const { app, smtp } = await setUp(disk.dir);
    const { id, token } = await withVerificationLink(app, smtp);
    const other = registerEmployee(app, { loginId: 'kato', lastName: '加藤', email1: 'kato@example.co.jp' });
    const old = await issueByPdf(app, other, 'password');
    app.db.pragma('wal_checkpoint(TRUNCATE)'); // every later write needs new room on the disk
    disk.fill();
    expect(await app.verification.verify(token)).toBe('unavailable');
    await expect(app.verification.sendAccountMail(other, 1)).rejects.toThrow();
    expect(accountMails(smtp)).toHaveLength(0);
    disk.free();
    expect(app.employees.get(id)).toMatchObject({ verification: 'waiting' });
    expect(await app.portalAuth.login('kato', old)).not.toBeNull();
    expect(await app.verification.verify(token)).toBe('verified');
    expect(await app.portalAuth.login('sato', passwordIn(accountMails(smtp)[0]!.text))).not.toBeNull();
  }, 30_000);
});

describe('the database refusing the confirmation, after the SMTP server accepted the mail', () => {
  it('the mailed password works; the confirmation is stored once the database lets it', async () => {
    const { app, smtp, dir } = await setUp();
    const { id, token } = await withVerificationLink(app, smtp);
    let blocker: BetterSqlite3.Database | null = null;
    setCheckpointHook((point) => {
      if (point !== 'accountMail.accepted') return;
      // another connection takes the write lock right after the mail was accepted
      blocker = new BetterSqlite3(path.join(dir, DATABASE_FILE));
      blocker.exec('BEGIN IMMEDIATE');
    });
    expect(await app.verification.verify(token)).toBe('verified');
    expect(app.employees.get(id)).toMatchObject({ verification: 'waiting' }); // not recorded yet
    blocker!.exec('ROLLBACK');
    blocker!.close();
    expect(await app.portalAuth.login('sato', passwordIn(accountMails(smtp)[0]!.text))).not.toBeNull();
    expect(app.employees.get(id)).toMatchObject({ password: 'issued', verification: 'done' });
    expect(app.verification.view(id).history.find((h) => h.kind === 'account')).toMatchObject({ result: 'sent' });
  }, 30_000);
});
