import os from 'node:os';
import { SEED_ADMIN, seedDataDir } from '../support/seed';
import { startTestSmtpServer } from '../support/smtp-test-server';
import { makeTempDir } from '../support/temp-dir';
import { cell, logIn, switchToMailMode } from './admin-steps';
import { expect, shot, test } from './fixtures';

/** This machine's non-loopback, non-link-local IPv4 addresses, as the OS lists them. */
const lanAddresses = () => Object.values(os.networkInterfaces()).flat()
  .filter((a) => a && a.family === 'IPv4' && !a.internal && !a.address.startsWith('169.254.')).map((a) => a!.address);

test.describe('an address employees can reach', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  test.beforeEach(async () => {
    tmp = makeTempDir('focusu-e2e-reach-');
    await seedDataDir(tmp.dir, 3);
  });
  test.afterEach(() => tmp.remove());

  test('社員がアクセスするURL blank: the settings screen says notices would carry 127.0.0.1 and proposes this machine\'s LAN addresses', async ({ page, startServer }) => {
    const server = await startServer({ dataDir: tmp.dir, portalHost: '0.0.0.0' });
    const port = new URL(server.portalUrl).port;
    await logIn(page, server, SEED_ADMIN);
    await page.getByRole('button', { name: 'アカウント' }).click();
    const proposal = page.getByRole('region', { name: '社員がアクセスするURLの候補' });
    await expect(proposal).toContainText(`通知書とメールには http://127.0.0.1:${port}/ が記載されます。これはこのパソコン自身を指すアドレスで、社員のパソコンやスマートフォンからは開けません。`);
    const addresses = lanAddresses();
    for (const a of addresses) await expect(proposal).toContainText(`http://${a}:${port}/`);
    await expect(proposal).toContainText(`http://${os.hostname().toLowerCase()}:${port}/`);
    await shot(page, 'portal-reach-settings-proposal');

    // 「このURLを使う」 fills the field; saved, the proposal gives way and the issue screens warn no more
    const first = addresses[0] ? `http://${addresses[0]}:${port}/` : `http://${os.hostname().toLowerCase()}:${port}/`;
    await proposal.getByRole('button', { name: `${first} を社員がアクセスするURLに入れる` }).click();
    await expect(page.getByRole('textbox', { name: '社員がアクセスするURL', exact: true })).toHaveValue(first);
    await page.getByRole('button', { name: 'ポータル設定を保存' }).click();
    await expect(page.getByRole('status')).toContainText('設定を保存しました。');
    await expect(proposal).toHaveCount(0);
    await page.getByRole('button', { name: '社員情報管理' }).click();
    await cell(page, '1001', 'password').getByRole('button', { name: '未発行' }).click();
    await expect(page.getByText('発行ステータス：未発行')).toBeVisible();
    await expect(page.getByText('社員が開けないURLが記載されます')).toHaveCount(0);
  });

  test('the issue screens and the bulk confirmation warn when the URL they print or mail is a loopback one; issuing still works (one machine)', async ({ page, startServer }) => {
    const smtp = await startTestSmtpServer();
    try {
      const server = await startServer({ dataDir: tmp.dir, smtpUrl: smtp.url });
      const url = server.portalUrl;
      await logIn(page, server, SEED_ADMIN);

      // PDF: the notice would carry the loopback URL
      await cell(page, '1001', 'password').getByRole('button', { name: '未発行' }).click();
      const warning = page.getByRole('note').filter({ hasText: '社員が開けないURLが記載されます' });
      await expect(warning).toContainText(`通知書に記載されるポータルのURL（${url}）は、このパソコン自身を指すアドレスです。社員のパソコンやスマートフォンでは開けません。`);
      await expect(warning).toContainText('このパソコンだけで試す場合は、このままで構いません。');
      await expect(page.getByRole('button', { name: 'ダウンロード' })).toBeEnabled();
      await shot(page, 'portal-reach-pdf-issue-warning');
      await page.getByRole('button', { name: '社員情報管理に戻る' }).click();

      // mail: the individual screen and the bulk confirmation
      await switchToMailMode(page);
      await cell(page, '1001', 'verification').getByRole('button', { name: '未' }).click();
      await expect(warning).toContainText(`メールに記載されるポータルのURL（${url}）は、このパソコン自身を指すアドレスです。`);
      await shot(page, 'portal-reach-mail-issue-warning');
      await page.getByRole('button', { name: '社員情報管理に戻る' }).click();
      for (const name of ['佐藤 1郎', '鈴木 2郎']) await page.getByRole('checkbox', { name: `${name} を選択` }).check();
      await page.getByRole('button', { name: /選択してパスワード発行\s*2/ }).click();
      await page.getByRole('button', { name: /認証要求メール送信\s*2/ }).click();
      const confirm = page.getByRole('dialog', { name: '認証要求メールの一括送信' });
      await expect(confirm.getByRole('note')).toContainText(`メールに記載されるポータルのURL（${url}）`);
      await expect(confirm.getByRole('button', { name: '送信する' })).toBeEnabled();
      await expect(confirm.getByRole('button', { name: '基本設定を開く' })).toHaveCount(0); // no way out of a dialog mid-confirmation
      await shot(page, 'portal-reach-bulk-confirmation-warning');

      // 「基本設定を開く」 leads to the field
      await confirm.getByRole('button', { name: 'キャンセル' }).click();
      await page.getByRole('note').getByRole('button', { name: '基本設定を開く' }).click();
      await expect(page.getByRole('textbox', { name: '社員がアクセスするURL', exact: true })).toBeVisible();
      await expect(page.getByRole('region', { name: '社員がアクセスするURLの候補' }))
        .toContainText('待ち受けアドレスが 127.0.0.1 のため、ポータルにはこのパソコンからしか接続できません。');
    } finally {
      await smtp.close();
    }
  });

  test('the screens log out by themselves after 60 minutes without a key or a click, though the grid keeps refreshing', async ({ page, startServer }) => {
    const server = await startServer({ dataDir: tmp.dir });
    await page.clock.install();
    await logIn(page, server, SEED_ADMIN);
    await page.clock.fastForward('30:00');
    await page.getByRole('button', { name: '更新' }).click(); // an action: the hour starts again
    await page.clock.fastForward('45:00');
    await expect(page.getByRole('heading', { name: '社員情報管理' })).toBeVisible();
    await page.clock.fastForward('16:00');
    await expect(page.getByRole('status')).toHaveText('60分間操作がなかったため、ログアウトしました。もう一度ログインしてください。保存していない入力内容は失われています。');
    await expect(page.getByRole('button', { name: 'ログイン' })).toBeVisible();
    // the session ended on the server too: the old page's token and cookie no longer work
    await page.goto(server.adminUrl);
    await expect(page.getByRole('button', { name: 'ログイン' })).toBeVisible();
  });
});
