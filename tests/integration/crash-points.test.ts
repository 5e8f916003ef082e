/**
 * Delivered ⇒ works, not delivered ⇒ the old secret still works, whatever instant a crash hits.
 * Each test kills a real child process (SIGKILL) at a point it announces from inside the work,
 * restarts on the same data folder, and checks the invariant for that point.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeAccountSettings } from '../../db/queries/settings';
import { composeApp, type App } from '../../main/composition';
import { linkTokenKey } from '../../main/services/mail/link-token';
import { silentLogger } from '../../main/services/support/logger';
import { killAt } from '../support/crash-run';
import { issueByPdf } from '../support/issue-by-pdf';
import { pdfPagesText } from '../support/pdf-text';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp-test-server';
import { makeTempDir } from '../support/temp-dir';
import { registerEmployee } from '../support/test-app';

let smtp: TestSmtpServer;
let tmp: ReturnType<typeof makeTempDir>;
let app: App | null = null;
beforeEach(async () => {
  smtp = await startTestSmtpServer();
  tmp = makeTempDir();
});
afterEach(async () => {
  await app?.close();
  app = null;
  await smtp.close();
  tmp.remove();
});

const open = () => (app = composeApp({ dataDir: tmp.dir, logger: silentLogger, smtpUrl: smtp.url }));
const restart = async (scenario: string, point: string, arg: string) => {
  await app!.close();
  app = null;
  await killAt(scenario, point, tmp.dir, smtp.url, arg);
  return open();
};
const login = (a: App, password: string) => a.portalAuth.login('sato', password);
const accountMails = () => smtp.mails.filter((m) => m.subject === '【Focus U】アカウント通知');
const passwordIn = (text: string) => /^パスワード：(\S+)$/m.exec(text)![1]!;
const tokenIn = (text: string) => /\/verify\/([0-9a-z]{9}[A-Za-z0-9_-]{43})$/m.exec(text)![1]!;

async function employeeWithPassword(a: App, mail: boolean): Promise<{ id: number; old: string }> {
  if (mail) writeAccountSettings(a.db, { notifyMethod: 'mail', verificationDays: 7, requirePasswordChange: false });
  const id = registerEmployee(a, { loginId: 'sato', lastName: '佐藤', email1: 'sato@example.co.jp' });
  return { id, old: await issueByPdf(a, id, 'password') };
}

describe('a PDF reissue killed at each point', () => {
  it.each(['pdf.reserved', 'pdf.delivered', 'pdf.completing', 'pdf.completed'])('%s', async (point) => {
    const { id, old } = await employeeWithPassword(open(), false);
    const after = await restart('pdf', point, String(id));
    const file = path.join(tmp.dir, 'notice.pdf');
    if (point === 'pdf.reserved') {
      expect(existsSync(file)).toBe(false); // nothing left the process
      expect(await login(after, old)).not.toBeNull();
      expect(after.employees.get(id).password).toBe('issued');
      return;
    }
    const lines = (await pdfPagesText(readFileSync(file)))[0]!.split('\n');
    const delivered = lines[lines.indexOf('パスワード') + 1]!;
    if (point === 'pdf.completed') expect(await login(after, old)).toBeNull();
    expect(await login(after, delivered)).not.toBeNull(); // the notice on paper works
    expect(await login(after, old)).toBeNull(); // and is the one in force now
    expect(after.employees.get(id)).toMatchObject({ password: 'issued', verification: 'na' });
  });
});

describe('「認証する」 killed at each point', () => {
  it.each(['accountMail.reserved', 'accountMail.accepted', 'accountMail.completing'])('%s', async (point) => {
    const a = open();
    writeAccountSettings(a.db, { notifyMethod: 'mail', verificationDays: 7, requirePasswordChange: false });
    const id = registerEmployee(a, { loginId: 'sato', lastName: '佐藤', email1: 'sato@example.co.jp' });
    await a.verification.sendVerification(id, 1);
    const token = tokenIn(smtp.mails[0]!.text);
    const after = await restart('verify', point, token);
    if (point === 'accountMail.reserved') {
      expect(accountMails()).toHaveLength(0); // nothing was mailed
      expect(after.verification.inspect(token).status).toBe('valid'); // the link still works
      expect(await after.verification.verify(token)).toBe('verified');
      await smtp.waitForMail((m) => m.subject === '【Focus U】アカウント通知');
    }
    expect(accountMails()).toHaveLength(1);
    const mailed = passwordIn(accountMails()[0]!.text);
    expect(await login(after, mailed)).not.toBeNull(); // the password in the mail works
    expect(after.employees.get(id)).toMatchObject({ password: 'issued', verification: 'done' });
    expect(after.db.prepare('SELECT count(*) AS n FROM verification_links WHERE token_hash = ? AND used_at IS NOT NULL')
      .get(linkTokenKey(token))).toEqual({ n: 1 });
  });
});

describe('「アカウント通知メール送信」 killed at each point', () => {
  it.each(['accountMail.reserved', 'accountMail.accepted', 'accountMail.completing'])('%s', async (point) => {
    const { id, old } = await employeeWithPassword(open(), true);
    const after = await restart('accountMail', point, String(id));
    if (point === 'accountMail.reserved') {
      expect(accountMails()).toHaveLength(0);
      expect(await login(after, old)).not.toBeNull(); // not delivered: the old password stays
      expect(after.employees.get(id)).toMatchObject({ password: 'issued' });
      return;
    }
    expect(accountMails()).toHaveLength(1);
    expect(await login(after, passwordIn(accountMails()[0]!.text))).not.toBeNull();
    expect(await login(after, old)).toBeNull();
    expect(after.employees.get(id)).toMatchObject({ password: 'issued', verification: 'done' });
  });
});
