import type { Page } from '@playwright/test';
import { SEED_ADMIN, seedDataDir } from '../support/seed';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp-test-server';
import { makeTempDir } from '../support/temp-dir';
import { cell, linkIn, logIn, switchToMailMode } from './admin-steps';
import { daysLater, expect, shot, test } from './fixtures';

/** From the grid's 「未」 to 「認証要求メール送信」; returns the link the employee receives. */
async function sendVerification(page: Page, smtp: TestSmtpServer, code: string, address: string): Promise<string> {
  await cell(page, code, 'verification').getByRole('button', { name: '未' }).click();
  await expect(page.getByRole('heading', { name: 'パスワード発行' })).toBeVisible();
  await page.getByRole('button', { name: '認証要求メール送信' }).click();
  await expect(page.getByRole('status')).toContainText(`${address} に認証要求メールを送信しました。`);
  const mail = await smtp.waitForMail((m) => m.to === address && m.subject === '【Focus U】アカウント認証依頼');
  return linkIn(mail.text);
}

test.describe('mail verification', () => {
  let smtp: TestSmtpServer;
  let tmp: ReturnType<typeof makeTempDir>;
  test.beforeEach(async () => {
    smtp = await startTestSmtpServer();
    tmp = makeTempDir('focusu-e2e-mail-');
    await seedDataDir(tmp.dir, 3);
  });
  test.afterEach(async () => {
    await smtp.close();
    tmp.remove();
  });

  test('the administrator sends, the employee verifies on the LAN and logs in, and the grid follows by itself', async ({ page, browser, startServer }) => {
    const server = await startServer({ dataDir: tmp.dir, smtpUrl: smtp.url });
    await logIn(page, server, SEED_ADMIN);
    await switchToMailMode(page);
    await expect(cell(page, '1001', 'verification')).toHaveText('未');

    await cell(page, '1001', 'verification').getByRole('button', { name: '未' }).click();
    await expect(page.getByText('(emp001) 佐藤 1郎 さんのパスワード通知書を発行します。')).toBeVisible();
    await expect(page.getByText('発行ステータス：未発行')).toBeVisible();
    await expect(page.getByRole('list', { name: '発行の手順' })).toContainText('認証');
    await page.getByRole('button', { name: '認証要求メール', exact: true }).click();
    const preview = page.getByRole('dialog', { name: 'メールプレビュー：認証要求メール' });
    await expect(preview).toContainText('【Focus U】アカウント認証依頼');
    await expect(preview).toContainText('佐藤 1郎 様');
    await shot(page, 'mail-preview');
    await preview.getByRole('button', { name: '閉じる' }).click();
    await page.getByRole('button', { name: '認証要求メール送信' }).click();
    await expect(page.getByRole('status')).toContainText('emp1@example.co.jp に認証要求メールを送信しました。');
    await expect(page.getByText('発行ステータス：認証待ち')).toBeVisible();
    await shot(page, 'mail-issue-sent');
    const mail = await smtp.waitForMail((m) => m.subject === '【Focus U】アカウント認証依頼');
    expect(mail.to).toBe('emp1@example.co.jp');
    const link = linkIn(mail.text);

    await page.getByRole('button', { name: '社員情報管理に戻る' }).click();
    await expect(cell(page, '1001', 'password')).toHaveText('発行中');
    await expect(cell(page, '1001', 'verification')).toHaveText('認証待ち');
    await expect(cell(page, '1001', 'verification').getByRole('button')).toHaveAttribute('title', /送信日時: \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\n有効期限: /);

    // The employee, on a phone: the link's page, 「認証する」, the account mail.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP' });
    const employee = await phone.newPage();
    await employee.goto(link);
    await expect(employee.getByText('試験株式会社').first()).toBeVisible();
    await expect(employee.getByText('佐藤 1郎 さん')).toBeVisible();
    await employee.screenshot({ path: 'test-results/screens/verify-confirm-phone.png' });
    await employee.getByRole('button', { name: '認証する' }).click();
    await expect(employee.getByRole('heading', { name: '認証が完了しました。' })).toBeVisible();
    // as the source screens (5.9, 6.10): the company and 「{氏名} さん」 above it
    await expect(employee.locator('main .company-line')).toHaveText('試験株式会社');
    await expect(employee.locator('main .name-line')).toHaveText('佐藤 1郎 さん');
    await employee.screenshot({ path: 'test-results/screens/verify-done-phone.png' });
    // the link opened again: what is true now — verified, the mail on its way
    await employee.goto(link);
    await expect(employee.getByRole('heading', { name: 'このURLでの認証は完了しています。' })).toBeVisible();
    await expect(employee.getByText('ログインID、パスワードはメールでお送りしています。')).toBeVisible();
    await employee.screenshot({ path: 'test-results/screens/verify-used-awaiting-login-phone.png' });

    // The administrator's grid moves on without 「更新」.
    await expect(cell(page, '1001', 'verification')).toHaveText('済（未ログイン）');
    const account = await smtp.waitForMail((m) => m.subject === '【Focus U】アカウント通知');
    const password = /^パスワード：(\S+)$/m.exec(account.text)![1]!;

    // The first login completes the issuance; the generated password is replaced at once.
    await employee.goto(new URL('/login', link).href);
    await employee.getByLabel('ログインID').fill('emp001');
    await employee.getByLabel('パスワード').fill(password);
    await employee.getByRole('button', { name: 'ログイン' }).click();
    await expect(employee.getByText('初回ログインのため、新しいパスワードを設定してください。')).toBeVisible();
    await expect(cell(page, '1001', 'password')).toHaveText('発行済');
    await expect(cell(page, '1001', 'verification')).toHaveText('済');
    await employee.getByLabel('現在のパスワード').fill(password);
    await employee.getByLabel('新しいパスワード', { exact: true }).fill('Sakura-mochi 2026');
    await employee.getByLabel('新しいパスワード（確認）').fill('Sakura-mochi 2026');
    await employee.getByRole('button', { name: '変更する' }).click();
    await expect(employee.getByRole('status')).toHaveText('パスワードを変更しました。');
    await expect(employee.getByText('前回ログイン日時')).toBeVisible();
    await employee.screenshot({ path: 'test-results/screens/portal-home-phone.png', fullPage: true });
    // once logged in, the link's page says so, and nothing about a mail to come
    await employee.goto(link);
    await expect(employee.getByRole('heading', { name: 'このURLでの認証は完了しています。' })).toBeVisible();
    await expect(employee.getByText('Focus Uシステムへのログインも完了しています。')).toBeVisible();
    await expect(employee.locator('main')).not.toContainText('メール');
    await employee.screenshot({ path: 'test-results/screens/verify-used-logged-in-phone.png' });
    await phone.close();
    await shot(page, 'grid-after-first-login');
  });

  test('a verification link expires: a server started 8 days later shows 有効期限切れ, and so does the link', async ({ page, browser, startServer }) => {
    const first = await startServer({ dataDir: tmp.dir, smtpUrl: smtp.url });
    await logIn(page, first, SEED_ADMIN);
    await switchToMailMode(page);
    const link = await sendVerification(page, smtp, '1002', 'emp2@example.co.jp');
    await first.stop();

    const later = await startServer({ dataDir: tmp.dir, smtpUrl: smtp.url, env: daysLater(8) });
    await logIn(page, later, SEED_ADMIN);
    await expect(cell(page, '1002', 'password')).toHaveText('発行中');
    await expect(cell(page, '1002', 'verification')).toHaveText('有効期限切れ');
    await cell(page, '1002', 'verification').getByRole('button', { name: '有効期限切れ' }).click();
    await expect(page.getByText('発行ステータス：認証待ち (URL有効期限切れ)')).toBeVisible();
    await page.getByRole('tab', { name: 'メール送信履歴' }).click();
    await expect(page.getByRole('table', { name: 'メール送信履歴' })).toContainText('emp2@example.co.jp');
    await shot(page, 'mail-issue-expired-history');

    const employee = await (await browser.newContext()).newPage();
    await employee.goto(link.replace(new URL(link).origin, new URL(later.portalUrl).origin));
    await expect(employee.getByText('アカウント認証URL有効期限切れ')).toBeVisible();
    await expect(employee.getByText('発行されているアカウント認証URLの有効期限が切れています。')).toBeVisible();
    await expect(employee.getByText('会社の担当者に確認をしてください。')).toBeVisible();
    await employee.screenshot({ path: 'test-results/screens/verify-expired.png' });
  });
});
