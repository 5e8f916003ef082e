import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { verify } from '@node-rs/argon2';
import type { Download, Page } from '@playwright/test';
import { DATABASE_FILE } from '../../main/composition';
import { pdfPagesText } from '../support/pdf-text';
import { grid, logIn } from './admin-steps';
import { demoCredentials, expect, SHOTS, shot, test, type Server } from './fixtures';

const gridRow = (page: Page, code: string) => grid(page).getByRole('row').filter({ has: page.locator('td.col-code', { hasText: new RegExp(`^${code}$`) }) });

async function downloadFrom(page: Page, press: () => Promise<void>, name: string): Promise<{ file: string; pages: string[]; suggested: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), press()]) as [Download, void];
  const file = path.join(SHOTS, name);
  await download.saveAs(file);
  return { file, pages: await pdfPagesText(readFileSync(file)), suggested: download.suggestedFilename() };
}
/** A bulk notice's file: its date and time (YYYYMMDD-HHmm) and how many notices it holds. */
const bulkFileName = (title: string, count: number) => new RegExp(`^${title}_\\d{8}-\\d{4}_${count}件\\.pdf$`);

/** The password printed on a notice page, and whether it opens the account in the database. */
function printed(page: string, label: 'パスワード' | 'パスコード'): string {
  const lines = page.split('\n');
  return lines[lines.indexOf(label) + 1]!;
}
async function worksFor(server: Server, loginId: string, secret: string, column: 'password_hash' | 'passcode_hash') {
  const db = new BetterSqlite3(path.join(server.dataDir, DATABASE_FILE), { readonly: true });
  try {
    const row = db.prepare(`SELECT ${column} AS h FROM employees WHERE login_id = ?`).get(loginId) as { h: string };
    return verify(row.h, secret);
  } finally {
    db.close();
  }
}

test('PDF issuance: individual, reissue, bulk with exclusions, and the passcode bulk', async ({ page, startServer }) => {
  const server = await startServer({ demo: true });
  await logIn(page, server, demoCredentials(server));

  // Individual: 「未発行」 → 「パスワード発行」 → 「ダウンロード」 → 発行済
  await gridRow(page, '0011').getByRole('button', { name: '未発行' }).first().click();
  await expect(page.getByRole('heading', { name: 'パスワード発行' })).toBeVisible();
  await expect(page.getByText('(yayoi) 弥生 憲司 さんのパスワード通知書を発行します。')).toBeVisible();
  await expect(page.getByText('発行済みのパスワードは保有できません。再度同じパスワードでの通知書は発行できません。')).toBeVisible();
  await shot(page, 'pdf-individual');
  const first = await downloadFrom(page, () => page.getByRole('button', { name: 'ダウンロード' }).click(), 'notice-individual.pdf');
  await expect(page.getByRole('status')).toContainText('(yayoi) 弥生 憲司 さんのPDFをダウンロードしました。');
  expect(first.pages).toHaveLength(1);
  expect(first.pages[0]).toContain('弥生 憲司 さん');
  expect(first.pages[0]).toContain('Focus U パスワードのご案内');
  expect(first.pages[0]).toContain('デモ株式会社');
  // a stack of printouts sorts by 社員コード and 所属; two files saved one after the other differ by name
  expect(first.pages[0]).toMatch(/社員コード\n0011/);
  expect(first.pages[0]).toMatch(/所属\n本社/);
  expect(first.suggested).toBe('パスワード通知書_0011_弥生 憲司.pdf');
  const password1 = printed(first.pages[0]!, 'パスワード');
  expect(password1).toMatch(/^[a-hjkmnp-z2-9]{12}$/);
  expect(await worksFor(server, 'yayoi', password1, 'password_hash')).toBe(true);
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', first.file, path.join(SHOTS, 'notice-individual')]);
  await page.getByRole('button', { name: '社員情報管理に戻る' }).click();
  await expect(gridRow(page, '0011').locator('td.col-password')).toHaveText('発行済');

  // Reissue from マイページ編集: the old password stops working once the new notice is out.
  await gridRow(page, '0011').getByRole('button', { name: '弥生 憲司' }).click();
  await expect(page.getByRole('heading', { name: '弥生 憲司さん マイページ編集' })).toBeVisible(); // as the source screen
  await shot(page, 'employee-edit');
  await page.getByRole('button', { name: 'パスワードを再発行' }).click();
  await expect(page.getByText('(yayoi) 弥生 憲司 さんのパスワードを初期化して再発行します。')).toBeVisible();
  await expect(page.getByText('新しい通知書が作成された時点で、現在のパスワードは使用できなくなります。')).toBeVisible();
  const second = await downloadFrom(page, () => page.getByRole('button', { name: 'ダウンロード' }).click(), 'notice-reissue.pdf');
  expect(second.suggested).toBe('パスワード通知書_0011_弥生 憲司.pdf');
  const password2 = printed(second.pages[0]!, 'パスワード');
  expect(password2).not.toBe(password1);
  expect(await worksFor(server, 'yayoi', password2, 'password_hash')).toBe(true);
  expect(await worksFor(server, 'yayoi', password1, 'password_hash')).toBe(false);
  await page.getByRole('button', { name: '社員情報管理に戻る' }).click();

  // Bulk: three 未発行 rows, one already issued and the 法人管理者; one row unticked on the bulk screen.
  for (const name of ['田所 耕太郎', '原島 謙', '小松 太郎', '弥生 憲司', '法人管理者']) {
    await page.getByRole('checkbox', { name: `${name} を選択` }).check();
  }
  await page.getByRole('button', { name: /選択してパスワード発行\s*3/ }).click();
  await expect(page.getByText('通知手段：PDF 選択されている社員を対象にPDFをダウンロードします。')).toBeVisible();
  await page.getByRole('checkbox', { name: '小松 太郎 を発行の対象にする' }).uncheck();
  await shot(page, 'pdf-bulk');
  const bulk = await downloadFrom(page, () => page.getByRole('button', { name: /ダウンロード\s*2/ }).click(), 'notice-bulk.pdf');
  const result = page.getByRole('dialog', { name: '通知: PDF一括ダウンロード実行結果' });
  await expect(result).toContainText('PDFダウンロード成功: 2件 PDFダウンロード失敗: 0件 対象外: 2件');
  const resultRows = result.getByRole('table', { name: 'PDF一括ダウンロード実行結果' }).getByRole('row');
  await expect(resultRows.filter({ hasText: '田所 耕太郎' })).toContainText('PDFダウンロード成功');
  await expect(resultRows.filter({ hasText: '弥生 憲司' })).toContainText('対象外');
  await expect(resultRows.filter({ hasText: '弥生 憲司' })).toContainText('パスワードが「発行済」のため対象外です。');
  await shot(page, 'pdf-bulk-result');
  expect(bulk.pages.map((p) => p.split('\n').find((l) => l.endsWith(' さん')))).toEqual(['田所 耕太郎 さん', '原島 謙 さん']);
  expect(bulk.suggested).toMatch(bulkFileName('パスワード通知書', 2));
  expect(bulk.pages[0]).toMatch(/社員コード\n1011/);
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', bulk.file, path.join(SHOTS, 'notice-bulk')]);
  await result.getByRole('button', { name: 'OK' }).click();
  await expect(gridRow(page, '1011').locator('td.col-password')).toHaveText('発行済');
  await expect(gridRow(page, '1021').locator('td.col-password')).toHaveText('発行済');
  await expect(gridRow(page, '1022').locator('td.col-password')).toHaveText('未発行');
  await expect(page.getByRole('button', { name: /選択して削除\s*0/ })).toBeVisible(); // selection cleared

  // Passcodes: every 未発行 one in one notice; the printed codes open the time recorder.
  await page.getByRole('button', { name: /パスコード一括発行\s*12/ }).click();
  const confirm = page.getByRole('dialog', { name: 'パスコード一括発行' });
  await expect(confirm).toContainText('パスコードが未発行の社員 12人 のパスコード通知書（PDF）を発行します。');
  const codes = await downloadFrom(page, () => confirm.getByRole('button', { name: 'ダウンロード' }).click(), 'notice-passcodes.pdf');
  await expect(page.getByRole('dialog', { name: '通知: PDF一括ダウンロード実行結果' })).toContainText('PDFダウンロード成功: 12件 PDFダウンロード失敗: 0件 対象外: 0件');
  expect(codes.pages).toHaveLength(12);
  expect(codes.pages[0]).toContain('Focus U パスコードのご案内');
  expect(codes.suggested).toMatch(bulkFileName('パスコード通知書', 12));
  expect(codes.pages[0]).toMatch(/所属\n本社/);
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', codes.file, path.join(SHOTS, 'notice-passcode')]);
  const code = printed(codes.pages[0]!, 'パスコード');
  expect(code).toMatch(/^\d{4}$/);
  expect(await worksFor(server, 'yayoi', code, 'passcode_hash')).toBe(true);
  await page.getByRole('dialog', { name: '通知: PDF一括ダウンロード実行結果' }).getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('button', { name: /パスコード一括発行\s*0/ })).toBeDisabled();
  await expect(grid(page).locator('td.col-passcode', { hasText: '未発行' })).toHaveCount(0);
});
