/**
 * 送信エラー end to end with real parts: mails go out through a real SMTP server on loopback,
 * delivery reports arrive in a real IMAP server (dovecot, started here on a loopback port with a
 * configuration of the test's own), and the app's watcher finds them, matches them to our mails
 * and shows them on the grid and in the history — and touches nothing else in that mailbox.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeApp, type App } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { writeAccountSettings } from '../../db/queries/settings';
import type { EventMessage, GridPage } from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import { exchangeOnlineNdr, gmailNotice, malformedReports, ordinaryMail, postfixDsn } from '../support/bounce-fixtures';
import { IMAP_PASSWORD, IMAP_USER, startDovecot, type TestDovecot } from '../support/dovecot';
import { FakeClock } from '../support/fake-clock';
import { issueByPdf } from '../support/issue-by-pdf';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp-test-server';
import { makeTestCertificates, type TestCertificates } from '../support/test-ca';
import { makeTempDir } from '../support/temp-dir';
import { registerEmployee } from '../support/test-app';

let smtp: TestSmtpServer;
let imap: TestDovecot;
let app: App;
let clock: FakeClock;
let tmp: ReturnType<typeof makeTempDir>;
let events: EventMessage[];

const TIMING = { pollMs: 200, idleRecheckMs: 60_000, firstBackoffMs: 50, maxBackoffMs: 400 };

/** `tls`: dovecot requires STARTTLS with this certificate; `trustCa`: the app trusts that CA (as an office's own CA). */
async function startApp(opts: { idle?: boolean; move?: boolean; moveTo?: string; tls?: TestCertificates; trustCa?: string } = {}): Promise<void> {
  smtp = await startTestSmtpServer();
  imap = await startDovecot({ idle: opts.idle, move: opts.move, tls: opts.tls && { cert: opts.tls.certPem, key: opts.tls.keyPem } });
  tmp = makeTempDir();
  clock = new FakeClock(Date.now()); // reports carry real dates: the app's time is today's
  app = composeApp({
    dataDir: tmp.dir, clock, logger: silentLogger, smtpUrl: smtp.url,
    bounceOptions: { watchTiming: TIMING, imapTls: opts.trustCa ? { ca: opts.trustCa } : undefined },
  });
  await app.auth.setup({ companyName: '株式会社フォーカス', adminLastName: '管理者', loginId: 'admin', password: 'long enough 1' });
  writeAccountSettings(app.db, { notifyMethod: 'mail', verificationDays: 7, requirePasswordChange: true });
  events = [];
  app.events.subscribe((m) => events.push(m));
  await app.bounces.update({
    enabled: true, host: imap.host, port: imap.port, security: opts.tls ? 'starttls' : 'none', authMethod: 'password', user: IMAP_USER,
    password: IMAP_PASSWORD, folder: 'INBOX', moveTo: opts.moveTo ?? '',
  });
}

afterEach(async () => {
  await app?.close();
  await imap?.close();
  await smtp?.close();
  tmp?.remove();
});

/** Waits for a condition the watcher brings about (never a fixed sleep; a deadline only against a hang). */
async function until<T>(what: string, check: () => T | Promise<T>, ms = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const grid = (q: { mailError?: boolean } = {}): GridPage =>
  app.employees.list({ page: 1, pageSize: 100, sort: 'code', direction: 'asc', text: '', password: [], passcode: [], verification: [], ...q });
const rowOf = (id: number) => grid().rows.find((r) => r.id === id)!;
const messageIdOfMailTo = async (to: string) => (await smtp.waitForMail((m) => m.to === to)).parsed.messageId!;
const history = (id: number) => app.verification.view(id).history;
const bouncedEvents = () => events.filter((e) => e.event === 'employeesChanged' && (e.payload as { reason: string }).reason === 'mailBounced').length;
const watching = () => until('the watcher to be connected', () => app.bounces.get().status.state === 'watching');

describe('送信エラー: reports found in the sender\'s mailbox (dovecot) and shown on the grid', () => {
  beforeEach(async () => {
    await startApp();
    await watching();
  });

  it('a verification mail to a mistyped address: the report is matched by Message-ID, marked on the grid without 「更新」, and goes with the new send', async () => {
    const id = registerEmployee(app, { loginId: 'tanaka', email1: 'tanaka@exmaple.co.jp' });
    const other = registerEmployee(app, { loginId: 'suzuki', email1: 'suzuki@example.co.jp' });
    imap.deliver(ordinaryMail()); // the administrator's own mail in the same mailbox
    await app.verification.sendVerification(id, 1);
    await app.verification.sendVerification(other, 1);
    const messageId = await messageIdOfMailTo('tanaka@exmaple.co.jp');
    // the Message-ID was chosen before the mail left and stored with its history row
    expect(app.db.prepare('SELECT message_id FROM mail_history WHERE employee_id = ?').get(id)).toEqual({ message_id: messageId });
    expect(messageId).toMatch(/^<[0-9a-z]{9}[0-9a-f]{24}\.focus-u@/);

    imap.deliver(postfixDsn({ messageId, to: 'tanaka@exmaple.co.jp' }));
    await until('the grid to be told', () => bouncedEvents() === 1);
    const row = rowOf(id);
    expect(row.verification).toBe('waiting');
    expect(row.mailBounce).toMatchObject({ kind: 'failed', status: '5.1.1', diagnostic: expect.stringContaining('User unknown') });
    expect(rowOf(other).mailBounce).toBeNull();
    expect(grid().bounceCount).toBe(1);
    expect(grid({ mailError: true }).rows.map((r) => r.id)).toEqual([id]);
    expect(history(id)[0]).toMatchObject({ result: 'sent', bounce: { kind: 'failed', status: '5.1.1' } });
    // only the diagnostic line is kept of the report
    expect(JSON.stringify(app.db.prepare('SELECT * FROM mail_history').all())).not.toContain('This is the mail system');

    // ours is flagged as read; the administrator's own mail is not touched
    const inbox = await until('the report flagged', async () => {
      const m = await imap.messages();
      return m.find((x) => x.subject === 'Undelivered Mail Returned to Sender')?.seen ? m : null;
    });
    expect(inbox.find((x) => x.subject === 'Re: 来週の会議について')).toMatchObject({ seen: false });
    expect(inbox).toHaveLength(2);

    // the link still works: correcting the address and sending again is the way out
    const link = /^(http:\/\/\S+\/verify\/(\S+))$/m.exec(smtp.mails.find((m) => m.to === 'tanaka@exmaple.co.jp')!.text)![2]!;
    expect(app.verification.inspect(link).status).toBe('valid');
    const e = app.employees.get(id);
    app.employees.update(id, { ...e, email1: 'tanaka@example.co.jp', email2: e.email2, email3: e.email3, code: e.code, honorific: e.honorific, lastName: e.lastName, firstName: e.firstName, department: e.department, loginId: e.loginId, recorderEnabled: e.recorderEnabled }, true, e.version);
    await app.verification.sendVerification(id, 1);
    expect(rowOf(id).mailBounce).toBeNull();
    expect(grid().bounceCount).toBe(0);
    expect(history(id).map((h) => h.bounce?.kind ?? null)).toEqual([null, 'failed']); // the old mail keeps its report
  });

  it('an account mail (reissue) that bounces: an Exchange Online NDR marks it', async () => {
    const id = registerEmployee(app, { loginId: 'sato', email1: 'sato@contoso-typo.co.jp' });
    await issueByPdf(app, id, 'password');
    await app.verification.sendAccountMail(id, 1);
    const messageId = await messageIdOfMailTo('sato@contoso-typo.co.jp');
    imap.deliver(exchangeOnlineNdr({ messageId, to: 'sato@contoso-typo.co.jp' }));
    await until('the NDR recorded', () => rowOf(id).mailBounce);
    expect(rowOf(id).mailBounce).toMatchObject({ kind: 'failed', status: '5.1.10', diagnostic: '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup' });
    expect(history(id)[0]).toMatchObject({ kind: 'account', bounce: { kind: 'failed' } });
  });

  it('a delay notice (4.x.x) is 配信遅延, not an error; the failure that follows is', async () => {
    const id = registerEmployee(app, { loginId: 'ito', email1: 'ito@slow.example.jp' });
    await app.verification.sendVerification(id, 1);
    const messageId = await messageIdOfMailTo('ito@slow.example.jp');
    imap.deliver(gmailNotice({ messageId, to: 'ito@slow.example.jp' }, new Date(), 'delay'));
    await until('the delay recorded', () => rowOf(id).mailBounce);
    expect(rowOf(id).mailBounce).toMatchObject({ kind: 'delayed', status: '4.4.1' });
    expect(grid().bounceCount).toBe(0);
    expect(grid({ mailError: true }).rows).toEqual([]);
    imap.deliver(gmailNotice({ messageId, to: 'ito@slow.example.jp' }, new Date(), 'failure'));
    await until('the failure recorded', () => rowOf(id).mailBounce?.kind === 'failed');
    expect(grid().bounceCount).toBe(1);
  });

  it('a report about a mail we did not send is ignored and left unread, even for an address we mailed', async () => {
    const id = registerEmployee(app, { loginId: 'kato', email1: 'kato@exmaple.co.jp' });
    await app.verification.sendVerification(id, 1);
    const ours = await messageIdOfMailTo('kato@exmaple.co.jp');
    imap.deliver(postfixDsn({ messageId: '<someone-else-1@example.co.jp>', to: 'kato@exmaple.co.jp' })); // another mail to the same address
    imap.deliver(postfixDsn({ messageId: '<someone-else-2@example.co.jp>', to: 'nobody@elsewhere.jp' }));
    imap.deliver(postfixDsn({ messageId: ours, to: 'kato@exmaple.co.jp' })); // then ours: proves the others were read
    await until('ours recorded', () => rowOf(id).mailBounce);
    const inbox = await imap.messages();
    expect(inbox.map((m) => m.seen)).toEqual([false, false, true]);
    expect(bouncedEvents()).toBe(1);
  });

  it('two mails to the same address are told apart by Message-ID; without one, neither is guessed', async () => {
    const a = registerEmployee(app, { loginId: 'yamada', email1: 'yamada@exmaple.co.jp' });
    const b = registerEmployee(app, { loginId: 'yamada2', email1: 'yamada@exmaple.co.jp' });
    await app.verification.sendVerification(a, 1);
    await app.verification.sendVerification(b, 1);
    await until('both mails', () => smtp.mails.filter((m) => m.to === 'yamada@exmaple.co.jp').length === 2);
    const second = smtp.mails.filter((m) => m.to === 'yamada@exmaple.co.jp')[1]!.parsed.messageId!;
    const bRow = app.db.prepare('SELECT message_id AS m FROM mail_history WHERE employee_id = ?').get(b) as { m: string };
    expect(bRow.m).toBe(second);
    imap.deliver(postfixDsn({ messageId: null, to: 'yamada@exmaple.co.jp' })); // could be either: not matched
    imap.deliver(postfixDsn({ messageId: second, to: 'yamada@exmaple.co.jp' }));
    await until('the second recorded', () => rowOf(b).mailBounce);
    expect(rowOf(a).mailBounce).toBeNull();
    expect((await imap.messages()).map((m) => m.seen)).toEqual([false, true]);
  });

  it('a report without a Message-ID is matched by recipient and time when only one mail could be meant', async () => {
    const id = registerEmployee(app, { loginId: 'ono', email1: 'ono@exmaple.co.jp' });
    await app.verification.sendVerification(id, 1);
    imap.deliver(postfixDsn({ messageId: null, to: 'ONO@exmaple.co.jp' }));
    await until('matched by recipient', () => rowOf(id).mailBounce);
  });

  it('malformed reports are left alone and the next report is still read', async () => {
    const id = registerEmployee(app, { loginId: 'mori', email1: 'mori@exmaple.co.jp' });
    await app.verification.sendVerification(id, 1);
    const messageId = await messageIdOfMailTo('mori@exmaple.co.jp');
    const broken = malformedReports({ messageId, to: 'mori@exmaple.co.jp' });
    for (const source of Object.values(broken)) imap.deliver(source);
    imap.deliver(postfixDsn({ messageId, to: 'mori@exmaple.co.jp' }));
    await until('the good one recorded', () => rowOf(id).mailBounce);
    const inbox = await imap.messages();
    expect(inbox.map((m) => m.seen)).toEqual([...Object.keys(broken).map(() => false), true]);
  });

  it('the IMAP server going away and coming back: reconnects, reads what arrived meanwhile, marks nothing twice', async () => {
    const ids = [registerEmployee(app, { loginId: 'aoki', email1: 'aoki@exmaple.co.jp' }), registerEmployee(app, { loginId: 'baba', email1: 'baba@exmaple.co.jp' })];
    for (const id of ids) await app.verification.sendVerification(id, 1);
    const first = await messageIdOfMailTo('aoki@exmaple.co.jp');
    const second = await messageIdOfMailTo('baba@exmaple.co.jp');
    imap.deliver(postfixDsn({ messageId: first, to: 'aoki@exmaple.co.jp' }));
    await until('the first recorded', () => rowOf(ids[0]!).mailBounce);
    const firstAt = app.db.prepare('SELECT bounce_at FROM mail_history WHERE message_id = ?').get(first);

    await imap.stop();
    await until('the watcher to notice', () => app.bounces.get().status.state === 'retrying');
    expect(app.bounces.get().status.lastError).toContain('IMAPサーバー');
    imap.deliver(postfixDsn({ messageId: second, to: 'baba@exmaple.co.jp' })); // arrives while the server is down
    // the first report again too (a copy, as a retrying MTA may send): recorded once all the same
    imap.deliver(postfixDsn({ messageId: first, to: 'aoki@exmaple.co.jp' }));
    await imap.start();
    await until('the second recorded', () => rowOf(ids[1]!).mailBounce);
    await until('all flagged', async () => (await imap.messages()).every((m) => m.seen));
    expect(bouncedEvents()).toBe(2);
    expect(app.db.prepare('SELECT bounce_at FROM mail_history WHERE message_id = ?').get(first)).toEqual(firstAt);
    expect(grid().bounceCount).toBe(2);
  });

  it('a bulk job: its result and progress count the reports found for its mails', async () => {
    const ids = [0, 1, 2].map((i) => registerEmployee(app, { loginId: `bulk${i}`, email1: i === 1 ? 'bulk1@exmaple.co.jp' : `bulk${i}@example.co.jp` }));
    const job = await app.bulkMail.start(ids.map((id) => ({ id, slot: 1 as const })));
    await app.bulkMail.idle();
    const messageId = await messageIdOfMailTo('bulk1@exmaple.co.jp');
    imap.deliver(gmailNotice({ messageId, to: 'bulk1@exmaple.co.jp' }));
    await until('the job told', () => events.some((e) => e.event === 'bulkMailProgress' && (e.payload as { bounced?: number }).bounced === 1));
    const status = await app.bulkMail.status(job.jobId);
    expect(status).toMatchObject({ sent: 3, bounced: 1 });
    expect(status.rows.map((r) => r.bounce?.status ?? null)).toEqual([null, '5.1.1', null]);
  });
});

describe('送信エラー: other mailboxes', () => {
  it('a server without IDLE is polled; a report of ours is moved to the administrator\'s folder', async () => {
    await startApp({ idle: false, moveTo: 'Bounces' });
    await imap.createFolder('Bounces');
    await watching();
    expect(app.bounces.get().status.idle).toBe(false);
    const id = registerEmployee(app, { loginId: 'ueda', email1: 'ueda@exmaple.co.jp' });
    await app.verification.sendVerification(id, 1);
    const messageId = await messageIdOfMailTo('ueda@exmaple.co.jp');
    imap.deliver(ordinaryMail());
    imap.deliver(postfixDsn({ messageId, to: 'ueda@exmaple.co.jp' }));
    await until('recorded by polling', () => rowOf(id).mailBounce);
    await until('moved', async () => (await imap.messages('Bounces')).length === 1);
    expect(await imap.messages()).toMatchObject([{ subject: 'Re: 来週の会議について', seen: false }]);
    expect(await app.bounces.test()).toEqual({ message: expect.stringContaining('新着の通知（IDLE）: なし') });
  });

  it('a 移動先 folder deleted after it was saved: the report is marked read instead, and the status line names the folder', async () => {
    await startApp({ moveTo: 'Bounces' });
    await imap.createFolder('Bounces');
    await watching();
    await imap.deleteFolder('Bounces');
    const id = registerEmployee(app, { loginId: 'ueda', email1: 'ueda@exmaple.co.jp' });
    await app.verification.sendVerification(id, 1);
    const messageId = await messageIdOfMailTo('ueda@exmaple.co.jp');
    imap.deliver(postfixDsn({ messageId, to: 'ueda@exmaple.co.jp' }));
    await until('recorded', () => rowOf(id).mailBounce);
    await until('marked read', async () => (await imap.messages())[0]?.seen);
    expect(app.bounces.get().status.lastError).toBe(ja.bounce.notMoved.refused('Bounces'));
  });

  it('a server without MOVE or UIDPLUS: a report is marked read, not moved — a move there would expunge what another program flagged \\Deleted', async () => {
    await startApp({ move: false, moveTo: 'Bounces' });
    await imap.createFolder('Bounces');
    await watching();
    imap.deliver(ordinaryMail());
    await imap.flagDeleted('Re: 来週の会議について'); // another mail program's, not yet expunged
    const id = registerEmployee(app, { loginId: 'ueda', email1: 'ueda@exmaple.co.jp' });
    await app.verification.sendVerification(id, 1);
    const messageId = await messageIdOfMailTo('ueda@exmaple.co.jp');
    imap.deliver(postfixDsn({ messageId, to: 'ueda@exmaple.co.jp' }));
    await until('recorded', () => rowOf(id).mailBounce);
    await until('marked read', async () => (await imap.messages()).find((m) => m.messageId !== '' && m.subject !== 'Re: 来週の会議について')?.seen);
    expect(await imap.messages()).toEqual(expect.arrayContaining([expect.objectContaining({ subject: 'Re: 来週の会議について', seen: false, deleted: true })]));
    expect(await imap.messages('Bounces')).toEqual([]);
    expect(app.bounces.get().status.lastError).toBe(ja.bounce.notMoved.unsupported('Bounces'));
  });

  it('「接続テスト」 names a wrong password and a missing folder; bad settings are refused and nothing is saved', async () => {
    await startApp();
    await watching();
    expect((await app.bounces.test()).message).toContain('接続できました');
    const good = app.bounces.get();
    await app.bounces.update({ enabled: true, host: imap.host, port: imap.port, security: 'none', authMethod: 'password', user: IMAP_USER, password: 'wrong', folder: 'INBOX', moveTo: '' });
    await expect(app.bounces.test()).rejects.toThrow('ログインに失敗しました');
    await until('the watcher to say why', () => app.bounces.get().status.lastError?.includes('ログインに失敗しました'));
    await app.bounces.update({ enabled: true, host: imap.host, port: imap.port, security: 'none', authMethod: 'password', user: IMAP_USER, password: IMAP_PASSWORD, folder: 'Nowhere', moveTo: '' });
    await expect(app.bounces.test()).rejects.toThrow('フォルダー「Nowhere」が見つかりません');
    await expect(app.bounces.update({ enabled: true, host: '', port: 993, security: 'tls', authMethod: 'oauth', user: '', password: null, folder: 'INBOX', moveTo: '' }))
      .rejects.toThrow(/IMAPサーバーを入力|OAuth 2.0 ではありません/);
    expect(app.bounces.get().folder).toBe('Nowhere');
    expect(good.passwordSet).toBe(true);
    // sealed at rest
    const row = app.db.prepare('SELECT bounce_password_sealed AS p FROM settings').get() as { p: string };
    expect(row.p).not.toContain(IMAP_PASSWORD);
    expect(row.p).not.toBe('');
  });
});

describe('送信エラー: the mailbox over STARTTLS', () => {
  let certs: ReturnType<typeof makeTempDir>;
  afterEach(() => certs?.remove());
  const certificates = () => {
    certs = makeTempDir();
    return makeTestCertificates(certs.dir, { dnsNames: ['imap.test'], ips: ['127.0.0.1'] });
  };

  it('with the office\'s CA trusted: the report is read over TLS', async () => {
    const tls = certificates();
    await startApp({ tls, trustCa: tls.caPem });
    await watching();
    const id = registerEmployee(app, { loginId: 'ueda', email1: 'ueda@exmaple.co.jp' });
    await app.verification.sendVerification(id, 1);
    imap.deliver(postfixDsn({ messageId: await messageIdOfMailTo('ueda@exmaple.co.jp'), to: 'ueda@exmaple.co.jp' }));
    await until('recorded', () => rowOf(id).mailBounce);
    expect(await app.bounces.test()).toEqual({ message: expect.stringContaining('接続できました。') });
  });

  it('a certificate nobody trusted: no login, and the 状態 line and 「接続テスト」 say why in Japanese', async () => {
    await startApp({ tls: certificates() });
    const status = await until('the watcher to give up on the certificate', () => {
      const s = app.bounces.get().status;
      return s.state === 'retrying' && s.lastError ? s : null;
    });
    expect(status.lastError).toMatch(/^IMAPサーバー（127\.0\.0\.1）の証明書を確認できないため、接続をやめました（パスワードは送っていません）: UNABLE_TO_VERIFY_LEAF_SIGNATURE /);
    await expect(app.bounces.test()).rejects.toMatchObject({ message: status.lastError });
  });
});

describe('送信エラー: the demo\'s built-in mailbox', () => {
  it('a mail to a .invalid domain comes back as a report the demo watches: the grid marks it', async () => {
    const { startDemoMailbox } = await import('../../main/services/mail/demo-mailbox');
    const demo = await startDemoMailbox(() => Date.now());
    const dir = makeTempDir();
    const demoApp = composeApp({ dataDir: dir.dir, logger: silentLogger, demoMailbox: demo });
    try {
      await demoApp.auth.setup({ companyName: 'デモ株式会社', adminLastName: '管理者', loginId: 'admin', password: 'long enough 1' });
      await demoApp.bounces.start();
      const id = registerEmployee(demoApp, { loginId: 'typo', email1: 'kenji@exmaple.invalid' });
      await demoApp.verification.sendVerification(id, 1);
      const row = await until('the demo report recorded', () => demoApp.employees.list({ page: 1, pageSize: 100, sort: 'code', direction: 'asc', text: '', password: [], passcode: [], verification: [] }).rows.find((r) => r.id === id)?.mailBounce);
      expect(row).toMatchObject({ kind: 'failed', status: '5.1.2' });
      expect(demo.reports.seen(1)).toBe(true);
      expect(demo.list().map((m) => m.subject)).toContain('Undelivered Mail Returned to Sender');
    } finally {
      await demoApp.close();
      await demo.close();
      dir.remove();
    }
  });
});
