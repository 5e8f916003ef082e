import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeApp, type App } from '../../main/composition';
import type { RunningServer } from '../../main/portal/server';
import { PORTAL_SESSION_IDLE_MS } from '../../main/services/portal-auth-service';
import { silentLogger } from '../../main/services/support/logger';
import { writeAccountSettings } from '../../db/queries/settings';
import { BrowserLikeClient, csrfOf, lanAddress } from '../support/browser-like-client';
import { FakeClock } from '../support/fake-clock';
import { issueByPdf } from '../support/issue-by-pdf';
import { makeTempDir } from '../support/temp-dir';
import { employeeInput, registerEmployee } from '../support/test-app';

let app: App;
let clock: FakeClock;
let portal: RunningServer;
let tmp: ReturnType<typeof makeTempDir>;

beforeEach(async () => {
  tmp = makeTempDir();
  clock = new FakeClock(new Date(2026, 10, 25, 9, 0, 0).getTime());
  app = composeApp({ dataDir: tmp.dir, clock, logger: silentLogger });
  await app.auth.setup({ companyName: '株式会社フォーカス', adminLastName: '管理者', loginId: 'admin', password: 'long enough 1' });
  writeAccountSettings(app.db, { notifyMethod: 'pdf', verificationDays: 7, requirePasswordChange: false });
  portal = await app.startPortal({ host: '127.0.0.1', port: 0 });
});
afterEach(async () => {
  await app.close();
  tmp.remove();
});

const register = (o: Parameters<typeof employeeInput>[0]) => registerEmployee(app, o);

async function loggedIn(loginId: string, password: string): Promise<{ browser: BrowserLikeClient; home: string }> {
  const browser = new BrowserLikeClient(portal.url);
  const page = await browser.get('/login');
  const home = await browser.post('/login', { _csrf: csrfOf(page.html), loginId, password });
  return { browser, home: home.html };
}
const requestIdOf = (html: string) => /name="requestId" value="([^"]+)"/.exec(html)![1]!;
const punchCount = () => (app.db.prepare('SELECT count(*) AS n FROM punches').get() as { n: number }).n;

describe('打刻 on the portal', () => {
  it('records 出勤 and 退勤 with the server\'s time, once per form even when sent twice', async () => {
    const id = register({ loginId: 'tanaka', lastName: '田中', firstName: '太郎', code: '0011' });
    const password = await issueByPdf(app, id, 'password');
    const { browser, home } = await loggedIn('tanaka', password);
    expect(home).toContain('前回ログイン日時');
    expect(home).toContain('今回が初めてのログインです。');
    expect(home).toContain('本日の打刻はまだありません。');
    const form = { _csrf: csrfOf(home), requestId: requestIdOf(home), kind: 'in' };
    const first = await browser.post('/punch', form);
    expect(first.html).toContain('出勤を打刻しました（09:00）。');
    const twice = await browser.post('/punch', form); // a double click, or the form sent again
    expect(twice.status).toBe(200);
    expect(punchCount()).toBe(1);
    clock.advance(9 * 3_600_000); // the session has long expired: log in again for 退勤
    const evening = await loggedIn('tanaka', password);
    const out = await evening.browser.post('/punch', { _csrf: csrfOf(evening.home), requestId: requestIdOf(evening.home), kind: 'out' });
    expect(out.html).toContain('退勤を打刻しました（18:00）。');
    expect(out.html).toMatch(/09:00 出勤<\/li><li>18:00 退勤/);
  });

  it('refuses a punch while タイムレコーダー is 無効 or a reissue is in progress, saying why', async () => {
    const id = register({ loginId: 'suzuki', lastName: '鈴木', email1: 's@example.co.jp' });
    const password = await issueByPdf(app, id, 'password');
    const { browser, home } = await loggedIn('suzuki', password);
    const { acceptDuplicateWarnings: _, ...f } = employeeInput({ loginId: 'suzuki', lastName: '鈴木', email1: 's@example.co.jp', recorderEnabled: false });
    app.employees.update(id, f, true, app.employees.get(id).version);
    const refused = await browser.post('/punch', { _csrf: csrfOf(home), requestId: requestIdOf(home), kind: 'in' });
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('タイムレコーダーが無効に設定されているため、打刻できません。');
    app.employees.update(id, { ...f, recorderEnabled: true }, true, app.employees.get(id).version);
    app.db.prepare(`UPDATE employees SET password_status = 'reissuing', link_valid_until = ? WHERE id = ?`).run(clock.now() + 1000, id);
    const reissuing = await browser.post('/punch', { _csrf: csrfOf(refused.html), requestId: requestIdOf(refused.html), kind: 'in' });
    expect(reissuing.html).toContain('パスワードの再発行中のため、打刻できません。');
    expect(punchCount()).toBe(0);
  });
});

describe('打刻 answered with a redirect', () => {
  it('sends the browser to HOME with the result (303), so reloading asks nothing; a made-up result shows nothing', async () => {
    const id = register({ loginId: 'oda', lastName: '織田', code: '0012' });
    const password = await issueByPdf(app, id, 'password');
    const { browser, home } = await loggedIn('oda', password);
    const form = { _csrf: csrfOf(home), requestId: requestIdOf(home), kind: 'in' };
    const answer = await browser.request('POST', '/punch', form);
    expect(answer.status).toBe(303);
    expect(answer.location).toMatch(/^\/\?punched=in\.\d+\.[\w-]{43}$/);
    const shown = await browser.get(answer.location!);
    expect(shown.html).toContain('出勤を打刻しました（09:00）。');
    expect((await browser.get(answer.location!)).html).toContain('出勤を打刻しました（09:00）。'); // a reload: same page, nothing sent
    expect(punchCount()).toBe(1);
    // a link someone else made up does not claim a punch that never happened
    const madeUp = answer.location!.replace(/punched=in\.(\d+)/, (_m, at: string) => `punched=out.${at}`);
    expect((await browser.get(madeUp)).html).not.toContain('打刻しました');
    const other = await loggedIn('oda', password); // another session: the first one's link means nothing there
    expect((await other.browser.get(answer.location!)).html).not.toContain('打刻しました');
  });
});

describe('the Webタイムレコーダー kiosk', () => {
  /** One punch at the kiosk: the form, then the punch; from the tablet, or from another LAN address. */
  const kioskPunch = async (client: BrowserLikeClient, identifier: string, code: string, kind = 'in') => {
    const page = await client.get('/kiosk');
    return client.post('/kiosk', { _csrf: csrfOf(page.html), requestId: requestIdOf(page.html), identifier, passcode: code, kind });
  };
  const message = (html: string) => /role="alert">([^<]+)</.exec(html)?.[1];

  it('punches with 社員コード or ログインID and the passcode, and locks the passcode after 10 failures from many addresses', async () => {
    const id = register({ loginId: 'sato', lastName: '佐藤', firstName: '花子', code: '2001' });
    await issueByPdf(app, id, 'password');
    const passcode = await issueByPdf(app, id, 'passcode');
    const kiosk = new BrowserLikeClient(portal.url);
    const punch = (identifier: string, code: string, kind = 'in') => kioskPunch(kiosk, identifier, code, kind);
    const ok = await punch('2001', passcode);
    expect(ok.html).toContain('佐藤 花子 さん 出勤');
    expect(ok.html).toContain('09:00');
    expect((await punch('sato', passcode, 'out')).html).toContain('佐藤 花子 さん 退勤');

    const wrong = passcode === '1357' ? '2468' : '1357';
    const unknown = await punch('9999', wrong);
    // The lockout is against many addresses (one address alone is throttled long before: portal-limits.test.ts).
    const failures = [];
    for (let i = 0; i < 10; i++) failures.push(await kioskPunch(new BrowserLikeClient(portal.url, { localAddress: lanAddress(i) }), '2001', wrong));
    expect(failures.map((f) => f.status)).toEqual(Array(10).fill(401));
    expect(new Set([unknown.html, ...failures.map((f) => f.html)].map(message)).size).toBe(1); // reveals nothing
    expect(message(unknown.html)).toContain('打刻できませんでした。');
    const locked = await punch('2001', passcode);
    expect(message(locked.html)).toBe(message(unknown.html));
    expect(app.employees.get(id).locked).toBe(true);
    app.employees.unlock(id);
    expect((await punch('2001', passcode)).html).toContain('佐藤 花子 さん 出勤');
    expect(punchCount()).toBe(3);
  });

  it('gives every refusal one neutral answer, true in PDF and mail mode, and returns to an empty form by itself', async () => {
    const disabled = register({ loginId: 'muko', lastName: '無効', code: '3001', recorderEnabled: false });
    const notIssued = register({ loginId: 'mada', lastName: '未発行', code: '3002' });
    const reissuing = register({ loginId: 'saihakko', lastName: '再発行', code: '3003' });
    await issueByPdf(app, disabled, 'password');
    await issueByPdf(app, reissuing, 'password');
    const codes = {
      disabled: await issueByPdf(app, disabled, 'passcode'),
      notIssued: await issueByPdf(app, notIssued, 'passcode'),
      reissuing: await issueByPdf(app, reissuing, 'passcode'),
    };
    app.db.prepare(`UPDATE employees SET password_status = 'reissuing', link_valid_until = ? WHERE id = ?`).run(clock.now() + 1000, reissuing);
    const kiosk = new BrowserLikeClient(portal.url);
    const answers = [
      await kioskPunch(kiosk, '3001', codes.disabled), // right passcode, タイムレコーダー 無効
      await kioskPunch(kiosk, '3002', codes.notIssued), // right passcode, password 未発行
      await kioskPunch(kiosk, '3003', codes.reissuing), // right passcode, 再発行中
      await kioskPunch(kiosk, '3001', codes.disabled === '1357' ? '2468' : '1357'), // wrong passcode
      await kioskPunch(kiosk, 'nobody', '2580'), // unknown 社員コード
    ];
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]); // not even the status tells them apart
    expect(new Set(answers.map((a) => a.html)).size).toBe(1);
    const page = answers[0]!.html;
    expect(message(page)).toBe('打刻できませんでした。社員コード（またはログインID）とパスコードを確認してください。解決しない場合は会社の担当者にお問い合わせください。');
    expect(page).not.toContain('ログインを完了'); // nothing about a first login the employee may have no way to do
    expect(page).toMatch(/<meta http-equiv="refresh" content="\d+;url=\/kiosk"\/>/); // back to the form by itself
    expect(page).toContain('<a class="button" href="/kiosk">入力画面に戻る</a>');
    expect(page).not.toContain('3001'); // the next person at the tablet does not see what was typed
    expect(punchCount()).toBe(0);
  });

  it('keeps its clock moving with a script served as a file, starting from the server\'s time', async () => {
    const page = await new BrowserLikeClient(portal.url).get('/kiosk');
    expect(page.html).toContain('<script src="/assets/kiosk-clock.js" defer="">');
    expect(page.html).not.toMatch(/<script(?![^>]*\bsrc=)/); // no inline script
    expect(page.html).toMatch(new RegExp(`class="kiosk-clock"[^>]*data-server-time="${clock.now()}"[^>]*>2026/11/25 09:00<`));
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const script = await fetch(new URL('/assets/kiosk-clock.js', portal.url));
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).toContain('data-server-time');
  });
});

describe('マイページ', () => {
  it('changes the ログインID (unique, current password required)', async () => {
    register({ loginId: 'taken', lastName: '別人' });
    const id = register({ loginId: 'mori', lastName: '森' });
    const password = await issueByPdf(app, id, 'password');
    const { browser } = await loggedIn('mori', password);
    const my = await browser.get('/mypage');
    expect(my.html).toMatch(/ログインID<\/th><td>mori<\/td><td><a class="button small" href="\/mypage\/login-id">変更/);
    expect(my.html).toMatch(/パスワード<\/th><td>\*+<\/td><td><a class="button small" href="\/password">変更/);
    const form = await browser.get('/mypage/login-id');
    const taken = await browser.post('/mypage/login-id', { _csrf: csrfOf(form.html), loginId: 'TAKEN', currentPassword: password });
    expect(taken.html).toContain('このログインIDは既に使用されています。');
    const wrong = await browser.post('/mypage/login-id', { _csrf: csrfOf(form.html), loginId: 'mori2', currentPassword: 'nope' });
    expect(wrong.html).toContain('現在のパスワードが正しくありません。');
    const done = await browser.post('/mypage/login-id', { _csrf: csrfOf(form.html), loginId: 'mori2', currentPassword: password });
    expect(done.html).toContain('ログインIDを変更しました。');
    expect(app.employees.get(id).loginId).toBe('mori2');
  });

  it('edits the addresses with the duplicate warning: キャンセル keeps the typing, OK saves', async () => {
    register({ loginId: 'other', lastName: '他人', email1: 'shared@example.co.jp' });
    const id = register({ loginId: 'kato', lastName: '加藤' });
    const password = await issueByPdf(app, id, 'password');
    const { browser } = await loggedIn('kato', password);
    const form = await browser.get('/mypage/addresses');
    expect(form.html).toContain('<label for="currentPassword">現在のパスワード</label>');
    const values = { _csrf: csrfOf(form.html), email1: 'kato@example.co.jp', email2: 'shared@EXAMPLE.co.jp', email3: '', currentPassword: password };
    const bad = await browser.post('/mypage/addresses', { ...values, email3: 'broken@' });
    expect(bad.html).toContain('メールアドレス3の形式が正しくありません');
    const warned = await browser.post('/mypage/addresses', values);
    expect(warned.html).toContain('メールアドレス重複の警告');
    expect(warned.html).toContain('shared@EXAMPLE.co.jp（他の社員のメールアドレスと重複）');
    expect(warned.html).not.toContain('他人'); // another employee is not named on the portal
    expect(warned.html).not.toContain(password); // the password is typed once, never written into a page
    expect(app.employees.get(id).email1).toBeNull();
    const back = await browser.post('/mypage/addresses', { ...values, intent: 'back' });
    expect(back.html).toContain('value="shared@EXAMPLE.co.jp"');
    const confirm = /name="confirm" value="([^"]+)"/.exec(warned.html)![1]!;
    const { currentPassword: _, ...withoutPassword } = values;
    const saved = await browser.post('/mypage/addresses', { ...withoutPassword, accept: '1', confirm });
    expect(saved.html).toContain('メールアドレスを保存しました。');
    expect(app.employees.get(id)).toMatchObject({ email1: 'kato@example.co.jp', email2: 'shared@EXAMPLE.co.jp' });
  });

  it('asks the current password before changing the addresses; a wrong one changes nothing', async () => {
    register({ loginId: 'other', lastName: '他人', email1: 'shared@example.co.jp' });
    const id = register({ loginId: 'kudo', lastName: '工藤', email1: 'kudo@example.co.jp' });
    const password = await issueByPdf(app, id, 'password');
    const { browser } = await loggedIn('kudo', password);
    const form = await browser.get('/mypage/addresses');
    const values = { _csrf: csrfOf(form.html), email1: 'attacker@example.net', email2: '', email3: '' };
    const missing = await browser.post('/mypage/addresses', values);
    expect(missing.status).toBe(400);
    expect(missing.html).toContain('メールアドレスを変更するには、現在のパスワードを入力してください。');
    const wrong = await browser.post('/mypage/addresses', { ...values, currentPassword: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(wrong.html).toContain('現在のパスワードが正しくありません。');
    expect(wrong.html).toContain('value="attacker@example.net"'); // the typing is kept, nothing saved
    // 「OK」 of the duplicate warning without the seal of a checked password, or with another page's seal
    const duplicate = { ...values, email1: 'shared@example.co.jp' };
    const forged = await browser.post('/mypage/addresses', { ...duplicate, accept: '1', confirm: `${clock.now() + 60_000}.${'A'.repeat(43)}` });
    expect(forged.status).toBe(403);
    const warned = await browser.post('/mypage/addresses', { ...duplicate, currentPassword: password });
    const confirm = /name="confirm" value="([^"]+)"/.exec(warned.html)![1]!;
    const swapped = await browser.post('/mypage/addresses', { ...duplicate, email1: 'attacker@example.net', accept: '1', confirm });
    expect(swapped.status).toBe(403); // the seal covers exactly the addresses the password was typed for
    clock.advance(11 * 60_000);
    const late = await browser.post('/mypage/addresses', { ...duplicate, accept: '1', confirm });
    expect(late.status).toBe(403); // and only for a while
    expect(app.employees.get(id)).toMatchObject({ email1: 'kudo@example.co.jp', email2: null });
  });
});

describe('portal sessions and passwords', () => {
  it('refuses common passwords, and a password change ends the other sessions', async () => {
    const id = register({ loginId: 'ito', lastName: '伊藤' });
    const password = await issueByPdf(app, id, 'password');
    const a = await loggedIn('ito', password);
    const b = await loggedIn('ito', password);
    const form = await a.browser.get('/password');
    const common = await a.browser.post('/password', { _csrf: csrfOf(form.html), currentPassword: password, newPassword: 'password1', newPasswordConfirm: 'password1' });
    expect(common.html).toContain('よく使われるパスワードや推測されやすいパスワードは使用できません。');
    const short = await a.browser.post('/password', { _csrf: csrfOf(form.html), currentPassword: password, newPassword: 'short', newPasswordConfirm: 'short' });
    expect(short.html).toContain('パスワードは8～128文字で入力してください。');
    const ok = await a.browser.post('/password', { _csrf: csrfOf(form.html), currentPassword: password, newPassword: 'Tsukimi-dango 77', newPasswordConfirm: 'Tsukimi-dango 77' });
    expect(ok.html).toContain('パスワードを変更しました。');
    expect((await b.browser.get('/')).location).toBe('/login'); // the other session ended
    expect((await a.browser.get('/')).status).toBe(200);
  });

  it('ends a session after inactivity, and at logout on the server', async () => {
    const id = register({ loginId: 'abe', lastName: '阿部' });
    const password = await issueByPdf(app, id, 'password');
    const { browser, home } = await loggedIn('abe', password);
    clock.advance(PORTAL_SESSION_IDLE_MS + 1);
    expect((await browser.get('/')).location).toBe('/login');
    const again = await loggedIn('abe', password);
    const out = await again.browser.post('/logout', { _csrf: csrfOf(again.home) });
    expect(out.html).toContain('ログアウトしました。');
    expect(app.db.prepare('SELECT count(*) AS n FROM portal_sessions').get()).toEqual({ n: 0 });
    expect(home).toContain('HOME');
  });

  it('asks for a new password at the first login when the setting is on', async () => {
    writeAccountSettings(app.db, { notifyMethod: 'pdf', verificationDays: 7, requirePasswordChange: true });
    const id = register({ loginId: 'ueda', lastName: '上田' });
    const password = await issueByPdf(app, id, 'password');
    const { browser, home } = await loggedIn('ueda', password);
    expect(home).toContain('初回ログインのため、新しいパスワードを設定してください。');
    expect((await browser.get('/mypage')).location).toBe('/password');
  });

  it('offers ログアウト on the forced password change', async () => {
    writeAccountSettings(app.db, { notifyMethod: 'pdf', verificationDays: 7, requirePasswordChange: true });
    const id = register({ loginId: 'ueno', lastName: '上野' });
    const password = await issueByPdf(app, id, 'password');
    const { browser, home } = await loggedIn('ueno', password);
    expect(home).toContain('初回ログインのため、新しいパスワードを設定してください。');
    expect(home).toMatch(/<form action="\/logout" method="post">.*<button type="submit" class="link">ログアウト<\/button><\/form>/);
    expect(home).not.toContain('href="/mypage"'); // HOME and マイページ would only lead back here
    const out = await browser.post('/logout', { _csrf: csrfOf(home) });
    expect(out.html).toContain('ログアウトしました。');
    expect((await browser.get('/password')).location).toBe('/login');
  });
});
