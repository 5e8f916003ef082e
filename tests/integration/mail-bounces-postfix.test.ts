/**
 * 送信エラー with a real MTA making the report: the app mails a verification link through Postfix
 * (on loopback, a configuration of the test's own) to a user that does not exist; Postfix accepts
 * it, fails to deliver it and writes its own RFC 3464 report to the sender, delivering it into the
 * Maildir that dovecot serves; the app's watcher finds it there and the grid shows the mark.
 */
import { afterEach, expect, it } from 'vitest';
import { composeApp, type App } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { readSmtpSettings, writeAccountSettings, writeSmtpSettings } from '../../db/queries/settings';
import { IMAP_PASSWORD, IMAP_USER, startDovecot, type TestDovecot } from '../support/dovecot';
import { startPostfix, type TestPostfix } from '../support/postfix';
import { makeTempDir } from '../support/temp-dir';
import { registerEmployee } from '../support/test-app';

let imap: TestDovecot | undefined;
let mta: TestPostfix | undefined;
let app: App | undefined;
const tmp = makeTempDir();

afterEach(async () => {
  await app?.close();
  await mta?.close();
  await imap?.close();
  tmp.remove();
});

it('Postfix bounces a mail to an unknown user; its own report reaches the mailbox and marks the employee', { timeout: 90_000 }, async () => {
  imap = await startDovecot();
  mta = await startPostfix({ maildirHome: imap.home, mailbox: 'soumu@bounces.test', uid: imap.mailUid, gid: imap.mailGid });
  app = composeApp({ dataDir: tmp.dir, logger: silentLogger, smtpUrl: mta.url, bounceOptions: { watchTiming: { pollMs: 200, firstBackoffMs: 50, maxBackoffMs: 400 } } });
  await app.auth.setup({ companyName: '株式会社フォーカス', adminLastName: '管理者', loginId: 'admin', password: 'long enough 1' });
  writeAccountSettings(app.db, { notifyMethod: 'mail', verificationDays: 7, requirePasswordChange: true });
  // the envelope sender is the From address: the report goes back to it
  writeSmtpSettings(app.db, { ...readSmtpSettings(app.db), fromAddress: 'soumu@bounces.test' });
  await app.bounces.update({
    enabled: true, host: imap.host, port: imap.port, security: 'none', authMethod: 'password', user: IMAP_USER, password: IMAP_PASSWORD, folder: 'INBOX', moveTo: '',
  });
  const id = registerEmployee(app, { loginId: 'tanaka', email1: 'tanakaa@example.test' });
  await app.verification.sendVerification(id, 1);

  const deadline = Date.now() + 45_000;
  let row;
  for (;;) {
    row = app.employees.list({ page: 1, pageSize: 100, sort: 'code', direction: 'asc', text: '', password: [], passcode: [], verification: [] }).rows.find((r) => r.id === id);
    if (row?.mailBounce || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(row?.mailBounce, mta.log()).toMatchObject({ kind: 'failed', status: '5.1.1' });
  expect(row?.mailBounce?.diagnostic).toMatch(/unknown user/i);
  const inbox = await imap.messages();
  expect(inbox).toEqual([expect.objectContaining({ subject: 'Undelivered Mail Returned to Sender', seen: true })]);
});
