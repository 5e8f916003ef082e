import { writeFileSync } from 'node:fs';
import path from 'node:path';
import selfsigned from 'selfsigned';
import { SEED_ADMIN, seedDataDir } from '../support/seed';
import { makeTempDir } from '../support/temp-dir';
import { logIn } from './admin-steps';
import { expect, test } from './fixtures';

test('HTTPS for the LAN pages: the warning on plain HTTP, the certificate set in the settings, HTTPS from the next start', async ({ page, startServer }) => {
  const tmp = makeTempDir('focusu-e2e-tls-');
  try {
    await seedDataDir(tmp.dir, 1);
    const first = await startServer({ dataDir: tmp.dir });
    expect(first.portalUrl).toMatch(/^http:\/\//);
    await logIn(page, first, SEED_ADMIN);
    await page.getByRole('button', { name: 'アカウント' }).click();
    const tls = page.getByRole('region', { name: 'HTTPS（証明書）' }).or(page.locator('section[aria-labelledby="tls-section-title"]'));
    await expect(tls.getByRole('alert')).toContainText('ポータルは暗号化されていない通信（HTTP）で動いています。');

    const pems = await selfsigned.generate([{ name: 'commonName', value: 'focus-u.example.lan' }], { keySize: 2048 });
    const cert = path.join(tmp.dir, 'portal-cert.pem');
    const key = path.join(tmp.dir, 'portal-key.pem');
    writeFileSync(cert, pems.cert);
    writeFileSync(key, 'not a key');
    await tls.getByLabel('証明書（PEM）').setInputFiles(cert);
    await tls.getByLabel('秘密鍵（PEM）').setInputFiles(key);
    await page.getByRole('button', { name: '証明書を設定' }).click();
    await expect(page.getByText('証明書（PEM）と秘密鍵（PEM）の組み合わせを読み込めませんでした。')).toBeVisible();
    const rightKey = path.join(tmp.dir, 'portal-key-right.pem'); // the administrator picks the right file
    writeFileSync(rightKey, pems.private);
    await tls.getByLabel('秘密鍵（PEM）').setInputFiles(rightKey);
    await page.getByRole('button', { name: '証明書を設定' }).click();
    await expect(tls).toContainText('設定済みの証明書: PEM（CN=focus-u.example.lan');
    await first.stop();

    const second = await startServer({ dataDir: tmp.dir });
    expect(second.portalUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    const employee = await (await page.context().browser()!.newContext({ ignoreHTTPSErrors: true })).newPage();
    await employee.goto(second.portalUrl);
    await expect(employee.getByRole('button', { name: 'ログイン' })).toBeVisible();
    await logIn(page, second, SEED_ADMIN);
    await page.getByRole('button', { name: 'アカウント' }).click();
    await expect(page.getByText(/ポータル稼働中: https:\/\//)).toBeVisible();
    await expect(page.getByText('ポータルは暗号化されていない通信（HTTP）で動いています。')).toHaveCount(0);
  } finally {
    tmp.remove();
  }
});
