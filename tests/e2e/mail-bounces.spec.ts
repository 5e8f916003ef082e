import type { Page } from '@playwright/test';
import { cell, grid, logIn, switchToMailMode } from './admin-steps';
import { demoCredentials, expect, shot, test } from './fixtures';

/** マイページ編集 from the grid's 氏名 link: メールアドレス1 changed and saved (the screen returns to the grid). */
async function setFirstAddress(page: Page, name: string, address: string): Promise<void> {
  await grid(page).getByRole('button', { name }).click();
  await expect(page.getByRole('heading', { name: 'マイページ編集' })).toBeVisible();
  await page.getByLabel('メールアドレス1').fill(address);
  await page.getByRole('button', { name: '更新', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('社員情報を更新しました。');
  await expect(page.getByRole('heading', { name: '社員情報管理' })).toBeVisible();
}

/** The 認証状態 link (未 / 認証待ち) to 「認証要求メール送信」, and back to the grid. */
async function sendVerification(page: Page, code: string, status: string, address: string): Promise<void> {
  await cell(page, code, 'verification').getByRole('button', { name: status, exact: true }).click();
  await page.getByRole('button', { name: '認証要求メール送信' }).click();
  await expect(page.getByRole('status')).toContainText(`${address} に認証要求メールを送信しました。`);
}

// The demo's built-in mailbox bounces mail to a `.invalid` domain and watches its own reports,
// so the whole way — a typo, the report, the mark, the correction, the new send — runs on one machine.
test('a mistyped address: the report marks the grid by itself, the filter finds it, the corrected address and a new send clear it', async ({ page, startServer }) => {
  const server = await startServer({ demo: true });
  await logIn(page, server, demoCredentials(server));
  await switchToMailMode(page);

  await setFirstAddress(page, '弥生 憲司', 'kenji.yayoi@exmaple.invalid');
  await sendVerification(page, '0011', '未', 'kenji.yayoi@exmaple.invalid');
  await page.getByRole('button', { name: '社員情報管理に戻る' }).click();

  // no 「更新」: the mark is there, with the report's reason on hover
  const mark = cell(page, '0011', 'verification').getByRole('img', { name: /^送信エラー: domain not found \(5\.1\.2\) \d{4}\/\d\d\/\d\d \d\d:\d\d$/ });
  await expect(mark).toBeVisible();
  await expect(cell(page, '0011', 'verification')).toContainText('認証待ち');
  await expect(cell(page, '1011', 'verification').getByRole('img')).toHaveCount(0);
  await mark.hover();
  await shot(page, 'bounce-grid-mark');

  // 「メール送信履歴」 says 送信エラー, why, and the way out
  await cell(page, '0011', 'verification').getByRole('button', { name: '認証待ち' }).click();
  await page.getByRole('tab', { name: 'メール送信履歴' }).click();
  const history = page.getByRole('table', { name: 'メール送信履歴' });
  await expect(history).toContainText('送信エラー');
  await expect(history).toContainText('domain not found (5.1.2)');
  await expect(history).toContainText('550 5.1.2 <kenji.yayoi@exmaple.invalid>: Host or domain name not found');
  await shot(page, 'bounce-history');
  await page.getByRole('button', { name: '社員情報管理に戻る' }).click();

  await page.getByRole('button', { name: '表示' }).click();
  await page.getByRole('button', { name: '送信エラー: 1件' }).click();
  await expect(page.getByText('検索条件 (送信エラー:あり)')).toBeVisible();
  await expect(grid(page).locator('tbody tr')).toHaveCount(1);
  await expect(cell(page, '0011', 'name')).toHaveText('弥生 憲司');
  await shot(page, 'bounce-grid-filter');

  // 社員検索 has it too
  await page.getByRole('button', { name: '条件をクリア' }).click();
  await page.getByRole('button', { name: '社員検索' }).click();
  await page.getByLabel('送信エラーのある社員のみ').check();
  await page.getByRole('button', { name: '検索', exact: true }).click();
  await expect(grid(page).locator('tbody tr')).toHaveCount(1);
  await page.getByRole('button', { name: '条件をクリア' }).click();

  // the corrected address: the link to the old one dies with it (SPEC §4), the mark stays until a new mail goes
  await setFirstAddress(page, '弥生 憲司', 'kenji.yayoi@example.co.jp');
  await expect(cell(page, '0011', 'verification').getByRole('img')).toHaveCount(1);
  await sendVerification(page, '0011', '有効期限切れ', 'kenji.yayoi@example.co.jp');
  await page.getByRole('button', { name: '社員情報管理に戻る' }).click();
  await expect(cell(page, '0011', 'verification')).toHaveText('認証待ち');
  await expect(cell(page, '0011', 'verification').getByRole('img')).toHaveCount(0);
  await page.getByRole('button', { name: '表示' }).click();
  await expect(page.getByRole('button', { name: '送信エラー: 0件' })).toBeVisible();
  await shot(page, 'bounce-grid-cleared');

  // 基本設定 › メール送信: the demo watches its own mailbox, and says so
  await page.getByRole('button', { name: 'メール送信' }).click();
  await expect(page.getByRole('heading', { name: '送信エラーの確認' })).toBeVisible();
  await expect(page.getByText('デモモードのため、送信エラーは「デモ用受信箱」で確認します')).toBeVisible();
  await expect(page.getByText(/状態: 確認しています（新着の通知あり）。/)).toBeVisible();
  await page.getByRole('heading', { name: '送信エラーの確認' }).scrollIntoViewIfNeeded();
  await shot(page, 'bounce-settings-demo');
});
