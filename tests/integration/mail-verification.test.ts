import { createHash, randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeApp, type App } from '../../main/composition';
import type { RunningServer } from '../../main/portal/server';
import { silentLogger } from '../../main/services/support/logger';
import { writeAccountSettings } from '../../db/queries/settings';
import { BrowserLikeClient, csrfOf } from '../support/browser-like-client';
import { FakeClock } from '../support/fake-clock';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp-test-server';
import { makeTempDir } from '../support/temp-dir';
import { employeeInput, registerEmployee } from '../support/test-app';

const DAY = 86_400_000;
let smtp: TestSmtpServer;
let app: App;
let clock: FakeClock;
let portal: RunningServer;
let tmp: ReturnType<typeof makeTempDir>;

beforeEach(async () => {
  smtp = await startTestSmtpServer();
  tmp = makeTempDir();
  clock = new FakeClock(new Date(2026, 10, 25, 9, 30, 0).getTime());
  app = composeApp({ dataDir: tmp.dir, clock, logger: silentLogger, smtpUrl: smtp.url });
  await app.auth.setup({ companyName: '株式会社フォーカス', adminLastName: '管理者', loginId: 'admin', password: 'long enough 1' });
  writeAccountSettings(app.db, { notifyMethod: 'mail', verificationDays: 7, requirePasswordChange: true });
  portal = await app.startPortal({ host: '127.0.0.1', port: 0 });
});
afterEach(async () => {
  await app.close();
  await smtp.close();
  tmp.remove();
});

const register = (o: Parameters<typeof employeeInput>[0]) => registerEmployee(app, o);
const status = (id: number) => {
  const e = app.employees.get(id);
  return `${e.password}/${e.verification}`;
};
const linkIn = (text: string) => /^(http:\/\/\S+\/verify\/\S+)$/m.exec(text)![1]!;

describe('mail verification, end to end over SMTP and HTTP', () => {
  it('sends the SPEC §8 mails, verifies only on POST, and completes at the first login', async () => {
    const id = register({ loginId: 'takasaki', lastName: '髙﨑', firstName: '①子', email1: 'hanako@example.co.jp' });
    await app.verification.sendVerification(id, 1);
    expect(status(id)).toBe('issuing/waiting');

    const request = await smtp.waitForMail((m) => m.subject === '【Focus U】アカウント認証依頼');
    expect(request.to).toBe('hanako@example.co.jp');
    const url = linkIn(request.text);
    expect(url).toMatch(new RegExp(`^${portal.url}verify/[0-9a-z]{9}[A-Za-z0-9_-]{43}$`));
    expect(request.text).toBe([
      '髙﨑 ①子 様', '',
      'Focus Uシステムの利用開始にあたり、メールによるパスワード発行のための認証が必要です。下記URLをクリックして認証を完了させてください。', '',
      url, '',
      '上記URLの有効期限は2026/12/02 09:30:00です。',
      '有効期限が切れた場合は、会社の担当者に連絡して下さい。', '',
      '=====', '株式会社フォーカス', '=====', '',
    ].join('\n'));
    // the token is stored only as a hash
    const token = url.split('/').pop()!;
    expect(JSON.stringify(app.db.prepare('SELECT * FROM verification_links').all())).not.toContain(token);

    // HEAD and GET (a mail scanner) never consume the link
    const browser = new BrowserLikeClient(portal.url);
    expect((await browser.request('HEAD', url)).status).toBe(200);
    const page = await browser.get(url);
    expect(page.html).toContain('株式会社フォーカス');
    expect(page.html).toContain('髙﨑 ①子 さん');
    expect(page.html).toContain('下記ボタンをクリックして本人認証を完了させてください。');
    expect(page.html).toContain('>認証する</button>');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(status(id)).toBe('issuing/waiting');

    // a POST without the form token is refused
    expect((await new BrowserLikeClient(portal.url).post(url, {})).status).toBe(403);
    expect(status(id)).toBe('issuing/waiting');

    const done = await browser.post(url, { _csrf: csrfOf(page.html) });
    expect(done.html).toContain('認証が完了しました。');
    expect(done.html).toContain('メールでログインID、パスワードが届きます。');
    expect(done.html).toContain('届いたID、パスワードを用いて、Focus Uシステムにログインしてください。');
    expect(status(id)).toBe('issuing/verified');

    // pressing twice is harmless: no second account mail
    const again = await browser.post(url, { _csrf: csrfOf(page.html) });
    expect(again.html).toContain('認証は完了しています。');

    const account = await smtp.waitForMail((m) => m.subject === '【Focus U】アカウント通知');
    expect(smtp.mails.filter((m) => m.subject === '【Focus U】アカウント通知')).toHaveLength(1);
    const password = /^パスワード：(\S+)$/m.exec(account.text)![1]!;
    expect(account.text).toBe([
      '髙﨑 ①子 様', '',
      'Focus UシステムのログインID、パスワードを通知致します。', '',
      'ログインID：takasaki', `パスワード：${password}`, '',
      '下記URLからFocus Uシステムにアクセスし、ログインを完了させてください。',
      `Focus Uポータル：${portal.url}`, `スマートフォン版Focus U：${portal.url}`, '',
      '※「タイムレコーダー」をお使いになる予定の方は、初回の打刻前に必ずログインを完了させる必要があります。', '',
      '=====', '株式会社フォーカス', '=====', '',
    ].join('\n'));
    const hash = (app.db.prepare('SELECT password_hash AS h FROM employees WHERE id = ?').get(id) as { h: string }).h;
    expect(await verify(hash, password)).toBe(true);
    expect(app.verification.view(id).addresses).toEqual([{ slot: 1, address: 'hanako@example.co.jp', verified: true }]);

    // the first login completes the issuance, then the portal asks for a new password
    const employee = new BrowserLikeClient(portal.url);
    const login = await employee.get('/login');
    const afterLogin = await employee.post('/login', { _csrf: csrfOf(login.html), loginId: 'takasaki', password });
    expect(status(id)).toBe('issued/done');
    expect(afterLogin.html).toContain('初回ログインのため、新しいパスワードを設定してください。');
    const home = await employee.post('/password', {
      _csrf: csrfOf(afterLogin.html), currentPassword: password, newPassword: 'my own secret 9', newPasswordConfirm: 'my own secret 9',
    });
    expect(home.html).toContain('パスワードを変更しました。');
    expect(home.html).toContain('前回ログイン日時');
    expect(app.verification.view(id).history.map((h) => [h.kind, h.result, h.address])).toEqual([
      ['account', 'sent', 'hanako@example.co.jp'], ['verification', 'sent', 'hanako@example.co.jp'],
    ]);
  });

  it('keeps the link usable and changes nothing when the SMTP server refuses the account mail', async () => {
    const id = register({ loginId: 'suzuki', lastName: '鈴木', email1: 'suzuki@example.co.jp' });
    await app.verification.sendVerification(id, 1);
    const url = linkIn((await smtp.waitForMail(() => true)).text);
    smtp.failData('suzuki@example.co.jp', 452, '4.2.2 Mailbox full');
    const browser = new BrowserLikeClient(portal.url);
    const page = await browser.get(url);
    const failed = await browser.post(url, { _csrf: csrfOf(page.html) });
    expect(failed.status).toBe(503);
    expect(failed.html).toContain('しばらく時間をおいてから、もう一度このページを開いて「認証する」を押してください。');
    expect(status(id)).toBe('issuing/waiting');
    expect(app.verification.view(id).history[0]).toMatchObject({ kind: 'account', result: 'failed' });
    expect(app.verification.view(id).history[0]!.detail).toContain('Mailbox full');
    expect((await browser.get(url)).html).toContain('>認証する</button>'); // still usable
  });

  it('leaves no live link when the SMTP server is down, and says why', async () => {
    const id = register({ loginId: 'sato', lastName: '佐藤', email1: 'sato@example.co.jp' });
    await smtp.close();
    await expect(app.verification.sendVerification(id, 1)).rejects.toMatchObject({ message: expect.stringMatching(/^メールサーバーに接続できませんでした/) });
    expect(status(id)).toBe('unissued/none');
    // stored before the mail was handed over, it died with the refusal
    expect(app.db.prepare('SELECT count(*) AS n FROM verification_links WHERE revoked_at IS NULL').get()).toEqual({ n: 0 });
    expect(app.verification.view(id).history[0]).toMatchObject({ kind: 'verification', result: 'failed' });
    smtp = await startTestSmtpServer(); // for afterEach
  });

  it('refuses a recipient the server rejects, with the server\'s own answer', async () => {
    const id = register({ loginId: 'ito', lastName: '伊藤', email1: 'nobody@example.co.jp' });
    smtp.refuse('nobody@example.co.jp', 550, '5.1.1 User unknown');
    await expect(app.verification.sendVerification(id, 1)).rejects.toMatchObject({ message: expect.stringContaining('5.1.1 User unknown') });
    expect(status(id)).toBe('unissued/none');
  });

  it('shows the expired page after the validity period, and a clear page for a tampered or unknown link', async () => {
    const id = register({ loginId: 'kato', lastName: '加藤', email1: 'kato@example.co.jp' });
    await app.verification.sendVerification(id, 1);
    const url = linkIn((await smtp.waitForMail(() => true)).text);
    const browser = new BrowserLikeClient(portal.url);
    const tampered = await browser.get(url.slice(0, -1) + (url.endsWith('A') ? 'B' : 'A'));
    expect(tampered.status).toBe(404);
    expect(tampered.html).toContain('このアカウント認証URLは無効です。');
    expect((await browser.get('/verify/short')).status).toBe(404);

    clock.advance(7 * DAY);
    expect(status(id)).toBe('issuing/expired');
    const expired = await browser.get(url);
    expect(expired.html).toContain('アカウント認証URL有効期限切れ');
    expect(expired.html).toContain('発行されているアカウント認証URLの有効期限が切れています。');
    expect(expired.html).toContain('会社の担当者に確認をしてください。');
  });

  it('keeps a link mailed before the time-ordered tokens (43 characters, stored by its bare hash) working', async () => {
    const id = register({ loginId: 'ueda', lastName: '上田', email1: 'ueda@example.co.jp' });
    await app.verification.sendVerification(id, 1);
    const url = linkIn((await smtp.waitForMail(() => true)).text);
    // the link as an older version stored it: a 43-character token, the key its SHA-256 alone
    const legacy = randomBytes(32).toString('base64url');
    app.db.prepare('UPDATE verification_links SET token_hash = ? WHERE employee_id = ?').run(createHash('sha256').update(legacy).digest('hex'), id);
    const legacyUrl = url.replace(/[^/]+$/, legacy);
    const browser = new BrowserLikeClient(portal.url);
    expect((await browser.get(url)).status).toBe(404);
    const page = await browser.get(legacyUrl);
    expect(page.html).toContain('上田 太郎 さん');
    const done = await browser.post(legacyUrl, { _csrf: csrfOf(page.html) });
    expect(done.html).toContain('認証が完了しました。');
    expect(status(id)).toBe('issuing/verified');
  });

  it('revokes the links on 認証要求の取り消し, and when the address is changed', async () => {
    const id = register({ loginId: 'mori', lastName: '森', email1: 'mori@example.co.jp', email2: 'mori2@example.co.jp' });
    await app.verification.sendVerification(id, 1);
    await app.verification.sendVerification(id, 2);
    const [first, second] = smtp.mails.map((m) => linkIn(m.text));
    const { acceptDuplicateWarnings: _, ...fields } = employeeInput({ loginId: 'mori', lastName: '森', email1: 'mori@example.co.jp', email2: 'new@example.co.jp' });
    app.employees.update(id, fields, false, app.employees.get(id).version);
    const browser = new BrowserLikeClient(portal.url);
    expect((await browser.get(second!)).status).toBe(404);
    expect((await browser.get(first!)).html).toContain('>認証する</button>');
    app.verification.cancel(id);
    expect(status(id)).toBe('unissued/none');
    // a link its issuance's end revoked says so (410), and still verifies nothing
    const cancelled = await browser.get(first!);
    expect(cancelled.status).toBe(410);
    expect(cancelled.html).toContain('このURLは使用できなくなりました');
    expect(cancelled.html).not.toContain('>認証する</button>');
    expect(() => app.verification.cancel(id)).toThrow('取り消せる認証要求がありません。');
  });

  it('shows the company and 「{氏名} さん」 above 「認証が完了しました。」, as the source screens do (5.9, 6.10)', async () => {
    const id = register({ loginId: 'tadokoro', lastName: '田所', firstName: '耕太郎', email1: 'kotaro@example.co.jp' });
    await app.verification.sendVerification(id, 1);
    const url = linkIn((await smtp.waitForMail(() => true)).text);
    const browser = new BrowserLikeClient(portal.url);
    const done = await browser.post(url, { _csrf: csrfOf((await browser.get(url)).html) });
    const main = done.html.slice(done.html.indexOf('<main'));
    const at = (text: string) => main.indexOf(text);
    expect(at('<p class="company-line">株式会社フォーカス</p>')).toBeGreaterThan(0);
    expect(at('<p class="name-line">田所 耕太郎 さん</p>')).toBeGreaterThan(at('company-line'));
    expect(at('認証が完了しました。')).toBeGreaterThan(at('name-line'));
    expect(main).toContain('メールでログインID、パスワードが届きます。');
  });

  it('a used link says what is true now: the mail is on its way, then logged in since, then replaced by a reissue', async () => {
    const id = register({ loginId: 'tadokoro', lastName: '田所', firstName: '耕太郎', email1: 'kotaro@example.co.jp' });
    await app.verification.sendVerification(id, 1);
    const url = linkIn((await smtp.waitForMail(() => true)).text);
    const browser = new BrowserLikeClient(portal.url);
    await browser.post(url, { _csrf: csrfOf((await browser.get(url)).html) });

    const onItsWay = await browser.get(url);
    expect(onItsWay.status).toBe(200);
    expect(onItsWay.html).toContain('田所 耕太郎 さん');
    expect(onItsWay.html).toContain('このURLでの認証は完了しています。');
    expect(onItsWay.html).toContain('ログインID、パスワードはメールでお送りしています。');

    const account = await smtp.waitForMail((m) => m.subject === '【Focus U】アカウント通知');
    const employee = new BrowserLikeClient(portal.url);
    const login = await employee.get('/login');
    await employee.post('/login', { _csrf: csrfOf(login.html), loginId: 'tadokoro', password: /^パスワード：(\S+)$/m.exec(account.text)![1]! });
    expect(status(id)).toBe('issued/done');
    const loggedIn = await browser.get(url);
    expect(loggedIn.html).toContain('このURLでの認証は完了しています。');
    expect(loggedIn.html).toContain('Focus Uシステムへのログインも完了しています。');
    expect(loggedIn.html).toContain('href="/login"');
    expect(loggedIn.html).not.toContain('メール'); // nothing about a mail to come

    clock.advance(60_000);
    await app.verification.sendVerification(id, 1); // a reissue replaces that issuance
    const replaced = await browser.get(url);
    expect(replaced.html).toContain('このURLでの認証は完了しています。');
    expect(replaced.html).toContain('その後、新しい発行手続きが行われたため、このURLでのご案内は終了しています。');
    expect(replaced.html).not.toContain('ログインも完了しています');
    expect(replaced.html).not.toContain('メールでお送りしています');
  });

  it('a link of the same issuance used elsewhere, or revoked by a later issuance: each its own page, nothing about other accounts', async () => {
    const id = register({ loginId: 'mori', lastName: '森', email1: 'mori@example.co.jp', email2: 'mori2@example.co.jp' });
    await app.verification.sendVerification(id, 1);
    await app.verification.sendVerification(id, 2);
    const [first, second] = smtp.mails.map((m) => linkIn(m.text));
    const browser = new BrowserLikeClient(portal.url);
    await browser.post(first!, { _csrf: csrfOf((await browser.get(first!)).html) });
    const sibling = await browser.get(second!);
    expect(sibling.status).toBe(200);
    expect(sibling.html).toContain('このアカウントの認証は、別のURLで完了しています。');
    expect(sibling.html).toContain('ログインID、パスワードはメールでお送りしています。');

    const other = register({ loginId: 'kato', lastName: '加藤', email1: 'kato@example.co.jp' });
    await app.verification.sendVerification(other, 1);
    const link = linkIn(smtp.mails.find((m) => m.to === 'kato@example.co.jp')!.text);
    const page = await browser.get(link);
    await app.issuance.deliver((await app.issuance.prepare({ kind: 'password', mode: 'individual', ids: [other] })).id, async () => 'delivered');
    for (const revoked of [await browser.get(link), await browser.post(link, { _csrf: csrfOf(page.html) })]) {
      expect(revoked.status).toBe(410);
      expect(revoked.html).toContain('このURLは使用できなくなりました');
      expect(revoked.html).toContain('このアカウント認証URLは、その後の手続き（再発行や取り消しなど）により無効になっています。');
      expect(revoked.html).not.toContain('加藤');
    }
    expect(status(other)).toBe('issued/na');
  });

  it('gives one answer for an unknown login ID and a wrong password on the portal', async () => {
    const browser = new BrowserLikeClient(portal.url);
    const page = await browser.get('/login');
    const unknown = await browser.post('/login', { _csrf: csrfOf(page.html), loginId: 'nobody', password: 'x' });
    const wrong = await browser.post('/login', { _csrf: csrfOf(page.html), loginId: 'admin', password: 'wrong' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const message = (html: string) => /role="alert">([^<]+)</.exec(html)?.[1];
    expect(message(unknown.html)).toBe('ログインIDまたはパスワードが正しくありません。');
    expect(message(wrong.html)).toBe(message(unknown.html));
  });
});
