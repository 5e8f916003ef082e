import { writeFileSync } from 'node:fs';
import path from 'node:path';
import selfsigned from 'selfsigned';
import { SEED_ADMIN, seedDataDir } from '../support/seed';
import { makeTempDir } from '../support/temp-dir';
import { logIn } from './admin-steps';
import { expect, shot, test } from './fixtures';

test('A portal certificate that cannot be loaded: the admin screens start, the settings say why and how out; removing it starts the portal', async ({ page, startServer }) => {
  const tmp = makeTempDir('focusu-e2e-tls-problem-');
  try {
    const pems = await selfsigned.generate([{ name: 'commonName', value: 'focus-u.example.lan' }], { keySize: 2048 });
    await seedDataDir(tmp.dir, 1, async (app) => {
      app.settings.setPortalCertificate({ kind: 'pem', certPem: pems.cert, keyPem: pems.private });
    });
    writeFileSync(path.join(tmp.dir, 'tls', 'key.pem'), '-----BEGIN PRIVATE KEY-----\ndamaged\n-----END PRIVATE KEY-----\n');
    const server = await startServer({ dataDir: tmp.dir });
    expect(server.portalUrl).toBe('-');

    await logIn(page, server, SEED_ADMIN);
    await page.getByRole('button', { name: 'アカウント' }).click();
    const tls = page.locator('section[aria-labelledby="tls-section-title"]');
    const problem = tls.getByRole('alert');
    await expect(problem).toContainText('証明書または秘密鍵のファイルが壊れているか、組み合わせが正しくありません。そのため、ポータル（社員向けページ）を起動していません。');
    await expect(problem).toContainText('新しい証明書を設定するか、「証明書を削除」で証明書を削除してください。どちらかを行うと、ポータルはすぐに起動します。');
    await shot(page, 'tls-problem');

    await page.getByRole('button', { name: '証明書を削除' }).click();
    await expect(tls).toContainText('証明書は設定されていません。');
    await expect(page.getByText(/ポータル稼働中: http:\/\//)).toBeVisible();
    await expect(tls.getByRole('alert')).toContainText('ポータルは暗号化されていない通信（HTTP）で動いています。');
    const url = await server.portalStarted();
    const employee = await page.context().newPage();
    await employee.goto(url);
    await expect(employee.getByRole('button', { name: 'ログイン' })).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0)); // a full-page shot of a scrolled page repeats the sticky header
    await shot(page, 'tls-problem-removed');
  } finally {
    tmp.remove();
  }
});
