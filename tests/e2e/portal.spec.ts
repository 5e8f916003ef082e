import type { Browser, Page } from '@playwright/test';
import { PORTAL_LIMITS } from '../../main/portal/limits';
import { writeAccountSettings } from '../../db/queries/settings';
import { BrowserLikeClient, csrfOf, lanAddress } from '../support/browser-like-client';
import { issueByPdf } from '../support/issue-by-pdf';
import { SEED_ADMIN, seedDataDir } from '../support/seed';
import { makeTempDir } from '../support/temp-dir';
import { logIn } from './admin-steps';
import { expect, test, type Server } from './fixtures';

const SIZES = { desktop: { width: 1280, height: 860 }, phone: { width: 390, height: 844 } } as const;

/** emp001 (code 1001) has a password and a passcode, read off the notices the administrator printed. */
async function prepare(dir: string) {
  const secrets = { password: '', passcode: '' };
  await seedDataDir(dir, 3, async (app) => {
    writeAccountSettings(app.db, { notifyMethod: 'pdf', verificationDays: 7, requirePasswordChange: false });
    secrets.password = await issueByPdf(app, 1 + 1, 'password'); // id 1 is the 法人管理者
    secrets.passcode = await issueByPdf(app, 2, 'passcode');
  });
  return secrets;
}

async function adminPage(browser: Browser, server: Server): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
  await logIn(page, server, SEED_ADMIN);
  return page;
}

for (const [size, viewport] of Object.entries(SIZES)) {
  test(`the employee's portal at ${size} size: マイページ, 打刻, the kiosk up to lockout and ロック解除`, async ({ browser, startServer }) => {
    test.setTimeout(150_000); // the whole day of one employee, and the kiosk page returning to its form by itself
    const tmp = makeTempDir('focusu-e2e-portal-');
    try {
      const secrets = await prepare(tmp.dir);
      const server = await startServer({ dataDir: tmp.dir });
      const context = await browser.newContext({ viewport, locale: 'ja-JP' });
      const page = await context.newPage();
      const shot = (name: string) => page.screenshot({ path: `test-results/screens/portal-${name}-${size}.png`, fullPage: true });

      // Login and HOME
      await page.goto(server.portalUrl);
      await page.getByLabel('ログインID').fill('emp001');
      await page.getByLabel('パスワード').fill(secrets.password);
      await page.getByRole('button', { name: 'ログイン' }).click();
      await expect(page.getByRole('heading', { name: 'HOME' })).toBeVisible();
      await expect(page.getByText('前回ログイン日時')).toBeVisible();

      // 打刻: 出勤 shown at once; a double click records one punch.
      await page.getByRole('button', { name: '出勤' }).dblclick();
      await expect(page.getByRole('status')).toContainText(/出勤を打刻しました（\d\d:\d\d）。/);
      await expect(page.getByRole('list', { name: '本日の打刻' }).getByRole('listitem')).toHaveCount(1);
      await page.getByRole('button', { name: '退勤' }).click();
      await expect(page.getByRole('list', { name: '本日の打刻' }).getByRole('listitem')).toHaveCount(2);
      await shot('home');

      // マイページ: both 「変更」 at once; addresses with the duplicate warning.
      await page.getByRole('link', { name: 'マイページ' }).click();
      await expect(page.getByRole('link', { name: '変更' })).toHaveCount(2);
      await shot('mypage');
      await page.getByRole('link', { name: 'マイページ編集' }).click();
      await page.getByLabel('メールアドレス2').fill('emp2@EXAMPLE.co.jp');
      await page.getByLabel('現在のパスワード').fill('not my password');
      await page.getByRole('button', { name: '保存する' }).click();
      await expect(page.getByRole('alert')).toHaveText('現在のパスワードが正しくありません。'); // nothing saved
      await expect(page.getByLabel('メールアドレス2')).toHaveValue('emp2@EXAMPLE.co.jp');
      await page.getByLabel('現在のパスワード').fill(secrets.password);
      await page.getByRole('button', { name: '保存する' }).click();
      const warning = page.getByRole('alertdialog', { name: 'メールアドレス重複の警告' });
      await expect(warning).toContainText('emp2@EXAMPLE.co.jp（他の社員のメールアドレスと重複）');
      await shot('duplicate');
      await warning.getByRole('button', { name: 'キャンセル' }).click();
      await expect(page.getByLabel('メールアドレス2')).toHaveValue('emp2@EXAMPLE.co.jp');
      await page.getByLabel('現在のパスワード').fill(secrets.password);
      await page.getByRole('button', { name: '保存する' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'OK' }).click();
      await expect(page.getByRole('status')).toHaveText('メールアドレスを保存しました。');
      await expect(page.getByRole('row', { name: /メールアドレス2/ })).toContainText('emp2@EXAMPLE.co.jp');

      // The administrator sets タイムレコーダー 無効: the next punch is refused, saying why.
      const admin = await adminPage(browser, server);
      await admin.getByRole('button', { name: '佐藤 1郎' }).click();
      await admin.getByLabel('無効').check();
      await admin.getByRole('button', { name: '更新' }).click();
      // the address the employee accepted as a duplicate is flagged to the administrator too
      await admin.getByRole('dialog', { name: 'メールアドレス重複の警告' }).getByRole('button', { name: 'OK' }).click();
      await expect(admin.getByRole('status')).toContainText('社員情報を更新しました。');
      await page.getByRole('link', { name: 'HOME' }).click();
      await page.getByRole('button', { name: '出勤' }).click();
      await expect(page.getByRole('alert')).toContainText('タイムレコーダーが無効に設定されているため、打刻できません。');
      await admin.getByRole('button', { name: '佐藤 1郎' }).click();
      await admin.getByLabel('有効', { exact: true }).check();
      await admin.getByRole('button', { name: '更新' }).click();
      await admin.getByRole('dialog', { name: 'メールアドレス重複の警告' }).getByRole('button', { name: 'OK' }).click();
      await expect(admin.getByRole('status')).toContainText('社員情報を更新しました。');

      // The kiosk: its clock moves (a script file, no inline script), a correct passcode punches.
      const kiosk = await context.newPage();
      await kiosk.clock.install();
      const kioskUrl = new URL('/kiosk', server.portalUrl).href;
      await kiosk.goto(kioskUrl);
      const clock = kiosk.getByLabel('現在時刻');
      const shown = (await clock.textContent()) ?? '';
      expect(shown).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d$/);
      await kiosk.screenshot({ path: `test-results/screens/kiosk-form-${size}.png` });
      await kiosk.clock.fastForward('03:00');
      await expect(clock).not.toHaveText(shown);
      await kiosk.getByLabel('社員コード（またはログインID）').fill('1001');
      await kiosk.getByLabel('パスコード（4桁）').fill(secrets.passcode);
      await kiosk.getByRole('button', { name: '出勤' }).click();
      await expect(kiosk.getByRole('status')).toContainText('佐藤 1郎 さん 出勤');
      await kiosk.screenshot({ path: `test-results/screens/kiosk-done-${size}.png` });

      // A wrong passcode: one neutral refusal, and back to an empty form by itself.
      const wrong = secrets.passcode === '1357' ? '2468' : '1357';
      const typeAndPunch = async (code: string, kind: '出勤' | '退勤') => {
        await kiosk.goto(kioskUrl);
        await kiosk.getByLabel('社員コード（またはログインID）').fill('1001');
        await kiosk.getByLabel('パスコード（4桁）').fill(code);
        await kiosk.getByRole('button', { name: kind }).click();
      };
      await typeAndPunch(wrong, '退勤');
      const refusal = kiosk.getByRole('alert');
      await expect(refusal).toHaveText('打刻できませんでした。社員コード（またはログインID）とパスコードを確認してください。解決しない場合は会社の担当者にお問い合わせください。');
      const message = (await refusal.textContent()) ?? '';
      await kiosk.screenshot({ path: `test-results/screens/kiosk-refused-${size}.png` });
      await expect(kiosk.getByLabel('社員コード（またはログインID）')).toHaveValue('', { timeout: 15_000 }); // the page went back by itself

      // Nine more wrong passcodes from other PCs of the LAN lock the passcode (one PC alone is throttled first, below).
      for (let i = 0; i < 9; i++) {
        const pc = new BrowserLikeClient(server.portalUrl, { localAddress: lanAddress(i) });
        const form = await pc.get('/kiosk');
        const answer = await pc.post('/kiosk', {
          _csrf: csrfOf(form.html), requestId: /name="requestId" value="([^"]+)"/.exec(form.html)![1]!, identifier: '1001', passcode: wrong, kind: 'out',
        });
        expect(answer.status).toBe(401);
        expect(answer.html).toContain(message);
      }
      await typeAndPunch(secrets.passcode, '退勤');
      await expect(kiosk.getByRole('alert')).toHaveText(message); // locked: the right passcode no longer works
      await kiosk.screenshot({ path: `test-results/screens/kiosk-locked-${size}.png` });

      // The administrator sees 「ロック中」 and releases it.
      await admin.getByRole('button', { name: '社員情報管理' }).click();
      const row = admin.getByRole('table', { name: '社員情報管理' }).getByRole('row').filter({ hasText: 'emp001' });
      await expect(row).toContainText('ロック中');
      await admin.getByRole('button', { name: '佐藤 1郎' }).click();
      await admin.getByRole('button', { name: 'ロック解除' }).click();
      await expect(admin.getByRole('status')).toContainText('ロックを解除しました。');
      await typeAndPunch(secrets.passcode, '退勤');
      await expect(kiosk.getByRole('status')).toContainText('佐藤 1郎 さん 退勤');

      // The tablet itself keeps guessing: after its refusals of a minute (limits.ts) it is told when to try
      // again (some of them may be the refusals above, if they were less than a minute ago).
      const waitPage = kiosk.getByRole('heading', { name: 'しばらくお待ちください' });
      let refusals = 0;
      for (;;) {
        await typeAndPunch(wrong, '出勤');
        await expect(kiosk.getByRole('alert')).toBeVisible();
        if (await waitPage.isVisible()) break;
        await expect(kiosk.getByRole('alert')).toHaveText(message);
        expect(++refusals).toBeLessThanOrEqual(PORTAL_LIMITS.kioskFailures[0]!.max);
      }
      await expect(kiosk.getByRole('alert')).toContainText('約1分後にもう一度お試しください。');
      await kiosk.screenshot({ path: `test-results/screens/kiosk-429-${size}.png` });
      await kiosk.getByRole('link', { name: '入力画面に戻る' }).click();
      await expect(kiosk.getByLabel('社員コード（またはログインID）')).toHaveValue('');
    } finally {
      tmp.remove();
    }
  });
}
