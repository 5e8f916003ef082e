import type { Browser } from '@playwright/test';
import { SEED_ADMIN, seedDataDir } from '../support/seed';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp-test-server';
import { makeTempDir } from '../support/temp-dir';
import { cell, grid, linkIn, logIn, passwordIn, switchToMailMode } from './admin-steps';
import { expect, shot, test } from './fixtures';

const accountMails = (smtp: TestSmtpServer) => smtp.mails.filter((m) => m.subject === '【Focus U】アカウント通知');

/**
 * The employee's side: the link's 「認証する」 (when given), then a login with the password
 * of the first account mail after the `seen` ones.
 */
async function employeeCompletes(
  browser: Browser, smtp: TestSmtpServer, address: string, loginId: string, link: string | null, seen = accountMails(smtp).length,
) {
  const page = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
  if (link) {
    await page.goto(link);
    await page.getByRole('button', { name: '認証する' }).click();
    await expect(page.getByRole('heading', { name: '認証が完了しました。' })).toBeVisible();
  }
  const mail = await smtp.waitForMail((m) => m.to === address && accountMails(smtp).indexOf(m) >= seen);
  const password = passwordIn(mail.text);
  await page.goto(new URL('/login', mail.text.match(/Focus Uポータル：(\S+)/)![1]).href);
  await page.getByLabel('ログインID').fill(loginId);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await expect(page.getByText('初回ログインのため、新しいパスワードを設定してください。')).toBeVisible();
  await page.context().close();
  return password;
}

test.describe('bulk mail and reissue by mail', () => {
  let smtp: TestSmtpServer;
  let tmp: ReturnType<typeof makeTempDir>;
  test.beforeEach(async () => {
    smtp = await startTestSmtpServer();
    tmp = makeTempDir('focusu-e2e-bulk-');
    await seedDataDir(tmp.dir, 3); // emp001 and emp002 have addresses, emp003 has none
  });
  test.afterEach(async () => {
    await smtp.close();
    tmp.remove();
  });

  test('bulk send with a 未設定 row fixed by the pencil and a duplicate warning', async ({ page, browser, startServer }) => {
    const server = await startServer({ dataDir: tmp.dir, smtpUrl: smtp.url });
    await logIn(page, server, SEED_ADMIN);
    await switchToMailMode(page);
    for (const name of ['佐藤 1郎', '鈴木 2郎', '高橋 3郎']) await page.getByRole('checkbox', { name: `${name} を選択` }).check();
    await page.getByRole('button', { name: /選択してパスワード発行\s*3/ }).click();
    await expect(page.getByText('通知手段：メール 選択されている社員（3件）を対象に認証要求メールを送信します。')).toBeVisible();
    const table = page.getByRole('table', { name: 'メール一括送信の対象社員' });
    await expect(table.getByRole('row').filter({ hasText: 'emp003' })).toContainText('未設定');
    await expect(page.getByRole('checkbox', { name: '高橋 3郎 を送信の対象にする' })).not.toBeChecked();

    // The pencil: the address is saved as メールアドレス1, with the duplicate warning.
    await page.getByRole('button', { name: '高橋 3郎 のメールアドレスを入力' }).click();
    const entry = page.getByRole('dialog', { name: 'メールアドレスの入力' });
    await entry.getByLabel('メールアドレス1').fill('emp1@example.co.jp');
    await entry.getByRole('button', { name: '保存する' }).click();
    await page.getByRole('dialog', { name: 'メールアドレス重複の警告' }).getByRole('button', { name: 'OK' }).click();
    await expect(page.getByRole('checkbox', { name: '高橋 3郎 を送信の対象にする' })).toBeChecked();
    await expect(page.getByText('同じメールアドレスが複数の社員に設定されています：emp1@example.co.jp')).toBeVisible();
    await shot(page, 'bulk-mail');

    // 「メールプレビュー： 認証要求メール アカウント通知メール」, both, as on the individual screen
    await expect(page.locator('.mail-preview-row')).toHaveText('メールプレビュー：認証要求メール、アカウント通知メール');
    await page.getByRole('button', { name: 'アカウント通知メール', exact: true }).click();
    const accountPreview = page.getByRole('dialog', { name: 'メールプレビュー：アカウント通知メール' });
    await expect(accountPreview).toContainText('【Focus U】アカウント通知');
    await expect(accountPreview).toContainText('佐藤 1郎 様');
    await expect(accountPreview).toContainText('ログインID：emp001');
    await shot(page, 'bulk-mail-preview-account');
    await accountPreview.getByRole('button', { name: '閉じる' }).click();
    await page.getByRole('button', { name: '認証要求メール', exact: true }).click();
    const verificationPreview = page.getByRole('dialog', { name: 'メールプレビュー：認証要求メール' });
    await expect(verificationPreview).toContainText('【Focus U】アカウント認証依頼');
    await verificationPreview.getByRole('button', { name: '閉じる' }).click();

    await page.getByRole('button', { name: /認証要求メール送信\s*3/ }).click();
    const confirm = page.getByRole('dialog', { name: '認証要求メールの一括送信' });
    await expect(confirm).toContainText(/3件の認証要求メールを送信します。送信には約\d+秒かかります。/);
    await confirm.getByRole('button', { name: '送信する' }).click();
    const result = page.getByRole('dialog', { name: '通知: メール一括送信実行結果' });
    await expect(result).toContainText('送信成功: 3件 送信失敗: 0件 対象外: 0件');
    await shot(page, 'bulk-mail-result');
    await result.getByRole('button', { name: 'OK' }).click();
    for (const code of ['1001', '1002', '1003']) {
      await expect(cell(page, code, 'password')).toHaveText('発行中');
      await expect(cell(page, code, 'verification')).toHaveText('認証待ち');
    }
    expect(smtp.mails.filter((m) => m.to === 'emp1@example.co.jp')).toHaveLength(2);
    expect(smtp.mails.filter((m) => m.to === 'emp2@example.co.jp')).toHaveLength(1);

    // 「認証要求の取り消し」: the link already mailed says it no longer works (and names nobody)
    await cell(page, '1002', 'verification').getByRole('button', { name: '認証待ち' }).click();
    await page.getByRole('button', { name: '認証要求の取り消し' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '取り消す' }).click();
    await expect(page.getByRole('status')).toContainText('認証要求を取り消しました。');
    const employee = await (await browser.newContext({ locale: 'ja-JP', viewport: { width: 390, height: 844 } })).newPage();
    await employee.goto(linkIn(smtp.mails.find((m) => m.to === 'emp2@example.co.jp')!.text));
    await expect(employee.getByRole('heading', { name: 'このURLは使用できなくなりました' })).toBeVisible();
    await expect(employee.getByText('このアカウント認証URLは、その後の手続き（再発行や取り消しなど）により無効になっています。')).toBeVisible();
    await expect(employee.locator('main')).not.toContainText('鈴木');
    await employee.screenshot({ path: 'test-results/screens/verify-revoked-phone.png' });
    await employee.context().close();
  });

  test('reissue by mail, both ways, through to the employee\'s login and 発行済/済', async ({ page, browser, startServer }) => {
    const server = await startServer({ dataDir: tmp.dir, smtpUrl: smtp.url });
    await logIn(page, server, SEED_ADMIN);
    await switchToMailMode(page);

    // First issuance of emp002 by mail.
    await cell(page, '1002', 'verification').getByRole('button', { name: '未' }).click();
    await page.getByRole('button', { name: '認証要求メール送信' }).click();
    await expect(page.getByRole('status')).toContainText('emp2@example.co.jp に認証要求メールを送信しました。');
    const first = linkIn((await smtp.waitForMail((m) => m.to === 'emp2@example.co.jp')).text);
    const password1 = await employeeCompletes(browser, smtp, 'emp2@example.co.jp', 'emp002', first);
    await page.getByRole('button', { name: '社員情報管理に戻る' }).click();
    await expect(cell(page, '1002', 'verification')).toHaveText('済');

    // Reissue 1: 認証要求メール送信 (the full flow).
    await grid(page).getByRole('button', { name: '鈴木 2郎' }).click();
    await page.getByRole('button', { name: 'パスワードを再発行' }).click();
    await expect(page.getByText('(emp002) 鈴木 2郎 さんのパスワードを初期化して再発行します。')).toBeVisible();
    await expect(page.getByText('発行ステータス：未発行（再発行）')).toBeVisible();
    await expect(page.getByText('認証済み', { exact: true })).toBeVisible(); // the red badge of the verified address
    await shot(page, 'reissue-mail');
    const mailsBefore = smtp.mails.length;
    await page.getByRole('button', { name: '認証要求メール送信' }).click();
    await expect(page.getByRole('status')).toContainText('emp2@example.co.jp に認証要求メールを送信しました。');
    const second = linkIn((await smtp.waitForMail((m) => m.to === 'emp2@example.co.jp' && smtp.mails.indexOf(m) >= mailsBefore)).text);
    await page.getByRole('button', { name: '社員情報管理に戻る' }).click();
    await expect(cell(page, '1002', 'password')).toHaveText('再発行中');
    await expect(cell(page, '1002', 'verification')).toHaveText('認証待ち');
    const password2 = await employeeCompletes(browser, smtp, 'emp2@example.co.jp', 'emp002', second);
    expect(password2).not.toBe(password1);
    await expect(cell(page, '1002', 'password')).toHaveText('発行済');
    await expect(cell(page, '1002', 'verification')).toHaveText('済');

    // Reissue 2: アカウント通知メール送信 (skips verification).
    await grid(page).getByRole('button', { name: '鈴木 2郎' }).click();
    await page.getByRole('button', { name: 'パスワードを再発行' }).click();
    const accountMailsBefore = accountMails(smtp).length;
    await page.getByRole('button', { name: 'アカウント通知メール送信' }).click();
    const confirm = page.getByRole('dialog');
    await expect(confirm).toContainText('emp2@example.co.jp に新しいパスワードを通知するメールを送信します。');
    await confirm.getByRole('button', { name: '送信する' }).click();
    await expect(page.getByRole('status')).toContainText('emp2@example.co.jp にアカウント通知メールを送信しました。');
    await page.getByRole('button', { name: '社員情報管理に戻る' }).click();
    await expect(cell(page, '1002', 'password')).toHaveText('再発行中');
    await expect(cell(page, '1002', 'verification')).toHaveText('済（未ログイン）');
    const password3 = await employeeCompletes(browser, smtp, 'emp2@example.co.jp', 'emp002', null, accountMailsBefore);
    expect(password3).not.toBe(password2);
    // the first issuance's link, used long ago: replaced by the reissues since, and it says so
    const old = await (await browser.newContext({ locale: 'ja-JP', viewport: { width: 390, height: 844 } })).newPage();
    await old.goto(first);
    await expect(old.getByRole('heading', { name: 'このURLでの認証は完了しています。' })).toBeVisible();
    await expect(old.getByText('その後、新しい発行手続きが行われたため、このURLでのご案内は終了しています。')).toBeVisible();
    await old.screenshot({ path: 'test-results/screens/verify-used-replaced-phone.png' });
    await old.context().close();
    await expect(cell(page, '1002', 'password')).toHaveText('発行済');
    await expect(cell(page, '1002', 'verification')).toHaveText('済');
  });
});
