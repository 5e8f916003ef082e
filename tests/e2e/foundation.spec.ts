import { grid, logIn as login } from './admin-steps';
import { expect, test, demoCredentials, shot } from './fixtures';
import type { Page } from '@playwright/test';
import { SEED_ADMIN, seedDataDir } from '../support/seed';
import { makeTempDir } from '../support/temp-dir';

const gridRow = (page: Page, text: string) => grid(page).getByRole('row').filter({ hasText: text });

test('first start: setup, login, settings, registration with validation and the duplicate warning, delete', async ({ page, startServer }) => {
  const server = await startServer();
  await page.goto(server.adminUrl);

  // Setup asks for 法人名 and the 法人管理者's credentials.
  await expect(page.getByRole('heading', { name: '初期設定' })).toBeVisible();
  await page.getByLabel('法人名').fill('テスト株式会社');
  await page.getByLabel('法人管理者の氏名').fill('法人管理者');
  await page.getByLabel('ログインID').fill('admin');
  await page.getByLabel('パスワード', { exact: true }).fill('correct horse 12');
  // a confirmation that differs is refused in the window, next to the field, and nothing is set up
  await page.getByLabel('パスワード（確認）').fill('correct horse 13');
  await page.getByRole('button', { name: '設定して開始' }).click();
  await expect(page.getByText('パスワード（確認）がパスワードと一致しません。')).toBeVisible();
  await expect(page.getByRole('heading', { name: '初期設定' })).toBeVisible();
  await page.getByLabel('パスワード（確認）').fill('correct horse 12');
  await page.getByRole('button', { name: '設定して開始' }).click();
  await expect(page.getByRole('heading', { name: '社員情報管理' })).toBeVisible();
  await expect(page.getByText('1 - 1人 (1人中)')).toBeVisible();
  await expect(gridRow(page, 'admin')).toContainText('発行済');

  // Log out; a wrong password gets a message that does not say which part was wrong.
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await page.getByLabel('ログインID').fill('admin');
  await page.getByLabel('パスワード').fill('wrong password');
  await page.getByRole('button', { name: 'ログイン' }).click();
  await expect(page.getByRole('alert')).toHaveText('ログインIDまたはパスワードが正しくありません。');
  await shot(page, 'login-failed');
  await login(page, server, { loginId: 'admin', password: 'correct horse 12' });

  // 基本設定 › アカウント: a validity outside 1–14 is refused by the server, 1–14 is saved.
  await page.getByRole('button', { name: 'アカウント' }).click();
  const days = page.getByLabel('認証要求メール有効期間');
  await expect(days).toHaveValue('7');
  await expect(page.getByLabel('通知手段')).toHaveValue('pdf');
  await days.evaluate((select: HTMLSelectElement) => select.add(new Option('15', '15')));
  await days.selectOption('15');
  await page.getByRole('button', { name: '上記内容で設定' }).click();
  await expect(page.getByRole('alert').first()).toContainText('認証要求メール有効期間は1～14日の間で選択してください。');
  await page.reload(); // the screens start again at the grid: read the stored value anew
  await page.getByRole('button', { name: 'アカウント' }).click();
  await expect(page.getByLabel('認証要求メール有効期間')).toHaveValue('7');
  await page.getByLabel('通知手段').selectOption('mail');
  await page.getByLabel('認証要求メール有効期間').selectOption('10');
  await page.getByRole('button', { name: '上記内容で設定' }).click();
  await expect(page.getByRole('status')).toContainText('設定を保存しました。');
  // what is in effect, and where it comes from: this run listens where its command line said, not on the stored 0.0.0.0:8080
  await expect(page.getByLabel('待ち受けアドレス', { exact: true })).toHaveValue('0.0.0.0');
  await expect(page.getByText('この起動での待ち受けアドレス: 127.0.0.1（起動オプション --portal-host で指定）')).toBeVisible();
  await expect(page.getByText(/^この起動でのポート番号: \d+（起動オプション --portal-port で指定）$/)).toBeVisible();
  await shot(page, 'settings');

  // 社員新規登録: a bad address is refused with the field named; then saved.
  await page.getByRole('button', { name: '社員情報管理' }).click();
  await page.getByRole('button', { name: '社員新規登録' }).click();
  await page.getByLabel('ログインID').fill('tanaka');
  await page.getByLabel('社員コード').fill('0011');
  await page.getByLabel('姓').fill('田中');
  await page.getByLabel('名', { exact: true }).fill('太郎');
  await page.getByLabel('所属').fill('本社');
  await page.getByLabel('メールアドレス1').fill('taro@');
  await page.getByRole('button', { name: '登録' }).click();
  await expect(page.getByText('メールアドレス1の形式が正しくありません（例: taro@example.co.jp）。').first()).toBeVisible();
  await shot(page, 'register-invalid');
  await page.getByLabel('メールアドレス1').fill('taro@example.co.jp');
  await page.getByRole('button', { name: '登録' }).click();
  await expect(gridRow(page, 'tanaka')).toContainText('田中 太郎');
  await expect(gridRow(page, 'tanaka')).toContainText('未発行');

  // A second employee with the same address (domain in other case): the warning dialog.
  await page.getByRole('button', { name: '社員新規登録' }).click();
  await page.getByLabel('ログインID').fill('suzuki');
  await page.getByLabel('姓').fill('鈴木');
  await page.getByLabel('名', { exact: true }).fill('一郎');
  await page.getByLabel('メールアドレス1').fill('taro@EXAMPLE.co.jp');
  await page.getByRole('button', { name: '登録' }).click();
  const dialog = page.getByRole('dialog', { name: 'メールアドレス重複の警告' });
  await expect(dialog).toContainText('taro@EXAMPLE.co.jp（田中 太郎 さんと重複）');
  await shot(page, 'duplicate-warning');
  await dialog.getByRole('button', { name: 'キャンセル' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('ログインID')).toHaveValue('suzuki'); // キャンセル returns to the form as typed
  await page.getByRole('button', { name: '登録' }).click();
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(gridRow(page, 'suzuki')).toContainText('鈴木 一郎');

  // Mail mode: the 認証状態 column is there.
  await expect(grid(page).getByRole('columnheader', { name: '認証状態' })).toBeVisible();
  await expect(gridRow(page, 'suzuki')).toContainText('未');

  // 選択して削除: the confirmation lists the names; the 法人管理者 is never deleted, nor counted.
  await page.getByRole('checkbox', { name: '鈴木 一郎 を選択' }).check();
  await page.getByRole('checkbox', { name: '法人管理者 を選択' }).check();
  await page.getByRole('button', { name: /選択して削除\s*1$/ }).click();
  const del = page.getByRole('dialog', { name: '社員の削除' });
  await expect(del).toContainText('鈴木 一郎');
  await expect(del).toContainText('法人管理者は削除できません。');
  await expect(del.getByRole('button', { name: 'キャンセル' })).toBeFocused();
  await shot(page, 'delete-dialog');
  await del.getByRole('button', { name: '削除する' }).click();
  await expect(gridRow(page, 'suzuki')).toHaveCount(0);
  await expect(page.getByText('1 - 2人 (2人中)')).toBeVisible();
});

test('the grid at 45 employees: paging, sort, search, mail-mode columns and the aggregate panel', async ({ page, startServer }) => {
  const tmp = makeTempDir('focusu-e2e-seed-');
  try {
    await seedDataDir(tmp.dir, 45);
    const server = await startServer({ dataDir: tmp.dir });
    await login(page, server, SEED_ADMIN);

    // Paging with the page-size selector.
    await expect(page.getByText('1 - 46人 (46人中)')).toBeVisible();
    await page.getByLabel('表示件数').selectOption('20');
    await expect(page.getByText('1 - 20人 (46人中)')).toBeVisible();
    await expect(page.getByRole('button', { name: '前へ' })).toBeDisabled();
    await page.getByRole('button', { name: '次へ' }).click();
    await expect(page.getByText('21 - 40人 (46人中)')).toBeVisible();
    await page.getByRole('button', { name: '次へ' }).click();
    await expect(page.getByText('41 - 46人 (46人中)')).toBeVisible();
    await expect(page.getByRole('button', { name: '次へ' })).toBeDisabled();
    await page.getByRole('button', { name: '前へ' }).click();
    await expect(page.getByText('21 - 40人 (46人中)')).toBeVisible();

    // Sort on 社員コード ▲/▼ (the 法人管理者 has no code and comes first ascending).
    await page.getByLabel('表示件数').selectOption('100');
    const codes = grid(page).locator('td.col-code');
    await expect(codes.nth(1)).toHaveText('1001');
    await page.getByRole('columnheader', { name: /社員コード/ }).getByRole('button').click();
    await expect(page.getByRole('columnheader', { name: /社員コード▼/ })).toBeVisible();
    await expect(codes.first()).toHaveText('1045');
    await page.getByRole('columnheader', { name: /ログインID/ }).getByRole('button').click();
    await expect(grid(page).locator('td.col-loginId').first()).toHaveText('admin');

    // 社員検索: free text, and the パスワード filter.
    await page.getByRole('button', { name: '社員検索' }).click();
    await page.getByLabel('キーワード（社員コード・氏名・ログインID・所属）').fill('大阪');
    await page.getByRole('button', { name: '検索', exact: true }).click();
    await expect(page.getByText('1 - 22人 (22人中)')).toBeVisible();
    await shot(page, 'grid-search');
    await page.getByRole('button', { name: '社員検索' }).click();
    await page.getByRole('button', { name: 'クリア', exact: true }).click();
    await expect(page.getByText('1 - 46人 (46人中)')).toBeVisible();

    // Mail mode: 認証状態 column and the aggregate panel whose counts filter the grid.
    await expect(grid(page).getByRole('columnheader', { name: '認証状態' })).toHaveCount(0);
    await page.getByRole('button', { name: 'アカウント' }).click();
    await page.getByLabel('通知手段').selectOption('mail');
    await page.getByRole('button', { name: '上記内容で設定' }).click();
    await expect(page.getByRole('status')).toContainText('設定を保存しました。');
    await page.getByRole('button', { name: '社員情報管理' }).click();
    await expect(grid(page).getByRole('columnheader', { name: '認証状態' })).toBeVisible();
    await expect(page.getByText('認証状態の集計情報を')).toBeVisible();
    await page.getByRole('button', { name: '表示', exact: true }).click();
    await expect(page.getByRole('button', { name: '非表示' })).toBeVisible();
    await expect(page.getByRole('button', { name: '未: 45件' })).toBeVisible();
    await expect(page.getByRole('button', { name: '済: 1件' })).toBeVisible();
    await expect(page.getByRole('button', { name: '済 (未ログイン): 0件' })).toBeVisible();
    await shot(page, 'grid-mail-aggregate');
    await page.getByRole('button', { name: '未: 45件' }).click();
    await expect(page.getByText('検索条件 (認証状態:未)')).toBeVisible();
    await expect(page.getByText('1 - 45人 (45人中)')).toBeVisible();
    await expect(gridRow(page, 'admin')).toHaveCount(0);
    await shot(page, 'grid-mail-filtered');
  } finally {
    tmp.remove();
  }
});

test('npm run demo: the demo company with the source document\'s employees, in PDF mode', async ({ page, startServer }) => {
  const server = await startServer({ demo: true });
  await login(page, server, demoCredentials(server));
  await expect(page.getByText('1 - 13人 (13人中)')).toBeVisible();
  for (const [code, name] of [['0011', '弥生 憲司'], ['1011', '田所 耕太郎'], ['1021', '原島 謙'], ['1022', '小松 太郎'], ['1042', '金沢 恵美子'], ['2000', '田畑 正美']]) {
    await expect(gridRow(page, code!)).toContainText(name!);
    await expect(gridRow(page, code!)).toContainText('本社');
    await expect(gridRow(page, code!)).toContainText('有効');
  }
  await expect(grid(page).getByRole('columnheader', { name: '認証状態' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /パスコード一括発行\s*12/ })).toBeVisible();
  await page.getByRole('checkbox', { name: '弥生 憲司 を選択' }).check();
  await page.getByRole('checkbox', { name: '法人管理者 を選択' }).check();
  await expect(page.getByRole('button', { name: /選択して削除\s*1$/ })).toBeVisible(); // the 法人管理者 is never deleted
  await expect(page.getByRole('button', { name: /選択してパスワード発行\s*1$/ })).toBeVisible();
  await shot(page, 'grid-pdf-demo');
});

test('a 1,000-row page stays a usable table: virtualised rows, selection and status cells', async ({ page, startServer }) => {
  const tmp = makeTempDir('focusu-e2e-large-');
  try {
    await seedDataDir(tmp.dir, 600);
    const server = await startServer({ dataDir: tmp.dir });
    await login(page, server, SEED_ADMIN);
    await page.getByLabel('表示件数').selectOption('1000');
    await expect(page.getByText('1 - 601人 (601人中)')).toBeVisible();
    expect(await grid(page).getByRole('row').count()).toBeLessThan(120); // not 601 rows in the page
    const scroller = page.locator('.table-scroll');
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight / 2));
    const middle = grid(page).getByRole('row').filter({ has: page.locator('td.col-code', { hasText: /^1300$/ }) });
    await expect(middle).toBeVisible();
    await expect(middle.locator('td.col-password')).toHaveText('未発行');
    await middle.getByRole('checkbox').check();
    await expect(page.getByRole('button', { name: /選択して削除\s*1/ })).toBeVisible();
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(grid(page).locator('td.col-code', { hasText: /^1600$/ })).toBeVisible();
    await page.getByRole('checkbox', { name: 'すべて選択' }).check();
    await expect(page.getByRole('button', { name: /選択して削除\s*600$/ })).toBeVisible(); // all but the 法人管理者
    await shot(page, 'grid-1000-rows');
  } finally {
    tmp.remove();
  }
});
