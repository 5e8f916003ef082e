import type { Download, Page } from '@playwright/test';
import { SEED_ADMIN, seedDataDir } from '../support/seed';
import { makeTempDir } from '../support/temp-dir';
import { registerEmployee } from '../support/test-app';
import { grid, logIn } from './admin-steps';
import { expect, shot, test } from './fixtures';

const gridRow = (page: Page, code: string) => grid(page).getByRole('row').filter({ has: page.locator('td.col-code', { hasText: new RegExp(`^${code}$`) }) });

test('Names the notice cannot print: warned before the PDF is made available, with the choice to stop or go on', async ({ page, startServer }) => {
  const tmp = makeTempDir('focusu-e2e-glyphs-');
  try {
    await seedDataDir(tmp.dir, 1, async (app) => {
      registerEmployee(app, { loginId: 'yamada', code: '2001', lastName: '山田', firstName: '𠮷男' });
      registerEmployee(app, { loginId: 'egao', code: '2002', lastName: '笑顔', firstName: '😀子', department: '開発😀部' });
      registerEmployee(app, { loginId: 'takasaki', code: '2003', lastName: '髙﨑', firstName: '一郎' });
    });
    const server = await startServer({ dataDir: tmp.dir });
    await logIn(page, server, SEED_ADMIN);

    // Individual: the warning comes before anything is delivered; 「発行をやめる」 changes nothing.
    await gridRow(page, '2001').getByRole('button', { name: '未発行' }).first().click();
    await page.getByRole('button', { name: 'ダウンロード' }).click();
    const warning = page.getByRole('alert').filter({ hasText: '通知書に印字できない文字があります' });
    await expect(warning).toContainText('次の社員の氏名に、通知書に印字できない文字があります: 山田 𠮷男（𠮷）');
    await expect(page.getByRole('button', { name: 'ダウンロード' })).toBeDisabled();
    await shot(page, 'print-warning-individual');
    await warning.getByRole('button', { name: '発行をやめる' }).click();
    await expect(warning).toHaveCount(0);
    await expect(page.getByText('発行ステータス：未発行')).toBeVisible();

    // 「このまま発行する」: the notice goes out as before.
    await page.getByRole('button', { name: 'ダウンロード' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      warning.getByRole('button', { name: 'このまま発行する' }).click(),
    ]) as [Download, void];
    expect(download.suggestedFilename()).toBe('パスワード通知書_2001_山田 𠮷男.pdf');
    await expect(page.getByRole('status')).toContainText('(yamada) 山田 𠮷男 さんのPDFをダウンロードしました。');
    await page.getByRole('button', { name: '社員情報管理に戻る' }).click();

    // Bulk: only the names that cannot be printed are listed (髙﨑 prints).
    for (const name of ['笑顔 😀子', '髙﨑 一郎']) await page.getByRole('checkbox', { name: `${name} を選択` }).check();
    await page.getByRole('button', { name: /選択してパスワード発行\s*2/ }).click();
    await page.getByRole('button', { name: /ダウンロード\s*2/ }).click();
    await expect(warning).toContainText('次の社員の氏名に、通知書に印字できない文字があります: 笑顔 😀子（😀）');
    // the 所属 is printed too (a stack of printouts sorts by it), so it is checked too
    await expect(warning).toContainText('次の社員の所属に、通知書に印字できない文字があります: 笑顔 😀子（所属「開発😀部」: 😀）');
    await expect(warning).not.toContainText('髙﨑');
    await shot(page, 'print-warning-bulk');
    await warning.getByRole('button', { name: '発行をやめる' }).click();
    await expect(warning).toHaveCount(0);
    await page.getByRole('button', { name: '社員情報管理に戻る' }).click();
    await expect(gridRow(page, '2002').locator('td.col-password')).toHaveText('未発行');
    await expect(gridRow(page, '2003').locator('td.col-password')).toHaveText('未発行');
  } finally {
    tmp.remove();
  }
});
