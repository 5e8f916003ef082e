import type { Page } from '@playwright/test';
import { SEED_ADMIN, seedDataDir } from '../support/seed';
import { makeTempDir } from '../support/temp-dir';
import { grid, logIn } from './admin-steps';
import { expect, shot, test, type Server } from './fixtures';

/**
 * The grid's selection (issue "Seed fidelity and the small traps", items 5 and 6): it counts
 * only what each button would act on, lives while the administrator pages and sorts within
 * one search, and ends with a new search, with rows that change under it and when the grid is
 * left for anything but the bulk screen it feeds.
 */
const tick = (page: Page, name: string) => page.getByRole('checkbox', { name: `${name} を選択` }).check();
const deleteButton = (page: Page, n: number) => page.getByRole('button', { name: new RegExp(`選択して削除\\s*${n}$`) });
const issueButton = (page: Page, n: number) => page.getByRole('button', { name: new RegExp(`選択してパスワード発行\\s*${n}$`) });

let tmp: ReturnType<typeof makeTempDir>;
test.beforeEach(async () => {
  tmp = makeTempDir('focusu-e2e-selection-');
  await seedDataDir(tmp.dir, 45);
});
test.afterEach(() => tmp.remove());

async function openGrid(page: Page, startServer: (o: { dataDir: string }) => Promise<Server>): Promise<Server> {
  const server = await startServer({ dataDir: tmp.dir });
  await logIn(page, server, SEED_ADMIN);
  await page.getByLabel('表示件数').selectOption('20');
  await expect(page.getByText('1 - 20人 (46人中)')).toBeVisible();
  return server;
}

test('「選択して削除 N」 counts only rows that can be deleted: never the 法人管理者', async ({ page, startServer }) => {
  await openGrid(page, startServer);
  await tick(page, '法人管理者');
  await expect(deleteButton(page, 0)).toBeDisabled();
  await tick(page, '佐藤 1郎');
  await tick(page, '鈴木 2郎');
  await expect(deleteButton(page, 2)).toBeEnabled();
  await expect(issueButton(page, 2)).toBeEnabled();
  await shot(page, 'grid-selection-admin-not-counted');
  await deleteButton(page, 2).click();
  const dialog = page.getByRole('dialog', { name: '社員の削除' });
  await expect(dialog).toContainText('次の2人を削除します。よろしいですか？');
  await expect(dialog).toContainText('法人管理者は削除できません。');
  await dialog.getByRole('button', { name: '削除する' }).click();
  await expect(page.getByRole('status')).toContainText('2人を削除しました。');
  await expect(page.getByText('1 - 20人 (44人中)')).toBeVisible();
});

test('the selection lives while paging and sorting within one search, and ends with a new search', async ({ page, startServer }) => {
  await openGrid(page, startServer);
  await tick(page, '佐藤 1郎');
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByText('21 - 40人 (46人中)')).toBeVisible();
  await tick(page, '佐藤 21郎');
  await expect(deleteButton(page, 2)).toBeEnabled(); // the tick on page 1 is still there
  await page.getByRole('columnheader', { name: /社員コード/ }).getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: /社員コード▼/ })).toBeVisible();
  await expect(deleteButton(page, 2)).toBeEnabled();
  await page.getByRole('button', { name: '次へ' }).click(); // a sort starts at page 1
  await expect(page.getByText('21 - 40人 (46人中)')).toBeVisible();
  await expect(deleteButton(page, 2)).toBeEnabled();
  await shot(page, 'grid-selection-across-pages');

  // Both ticked rows reach the bulk screen, whichever page they were ticked on.
  await issueButton(page, 2).click();
  const bulk = page.getByRole('table', { name: 'パスワード一括発行の対象社員' });
  await expect(bulk.getByRole('row').filter({ hasText: /佐藤 (1|21)郎/ })).toHaveCount(2);
  // Back without issuing: the ticks are still there to adjust.
  await page.getByRole('button', { name: '社員情報管理に戻る' }).click();
  await expect(deleteButton(page, 2)).toBeEnabled();

  // A new search is a new selection.
  await page.getByRole('button', { name: '社員検索' }).click();
  await page.getByLabel('キーワード（社員コード・氏名・ログインID・所属）').fill('大阪');
  await page.getByRole('button', { name: '検索', exact: true }).click();
  await expect(page.getByText('1 - 20人 (22人中)')).toBeVisible();
  await expect(deleteButton(page, 0)).toBeDisabled();
});

test('the selection ends when rows change under it (another window deletes an employee)', async ({ page, browser, startServer }) => {
  const server = await openGrid(page, startServer);
  await tick(page, '佐藤 1郎');
  await tick(page, '鈴木 2郎');
  await expect(deleteButton(page, 2)).toBeEnabled();

  const other = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
  await logIn(other, server, SEED_ADMIN);
  await tick(other, '高橋 3郎');
  await deleteButton(other, 1).click();
  await other.getByRole('dialog', { name: '社員の削除' }).getByRole('button', { name: '削除する' }).click();
  await expect(other.getByRole('status')).toContainText('1人を削除しました。');
  await other.context().close();

  // This window follows by itself: 45 rows now, and no stale ticks armed.
  await expect(page.getByText('1 - 20人 (45人中)')).toBeVisible();
  await expect(deleteButton(page, 0)).toBeDisabled();
  await expect(page.getByRole('checkbox', { name: '佐藤 1郎 を選択' })).not.toBeChecked();
});

test('the selection ends when the grid is left for another screen', async ({ page, startServer }) => {
  await openGrid(page, startServer);
  await tick(page, '佐藤 1郎');
  await tick(page, '鈴木 2郎');
  await grid(page).getByRole('button', { name: '高橋 3郎' }).click();
  await expect(page.getByRole('heading', { name: /マイページ編集/ })).toBeVisible();
  await page.getByRole('button', { name: '社員情報管理に戻る' }).click();
  await expect(page.getByText('1 - 20人 (46人中)')).toBeVisible();
  await expect(deleteButton(page, 0)).toBeDisabled();
});
