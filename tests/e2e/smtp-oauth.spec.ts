/**
 * 基本設定 › メール送信 with OAuth 2.0 in Chromium: 「かんたん設定」, the fields of each provider,
 * 「テスト送信」 succeeding and failing at each step, and the grid's warning of an expiring secret —
 * against a real authorization server and XOAUTH2 SMTP servers on loopback (tests/support/oauth-scene.ts).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { CLIENT, MAILBOX, PFX_PASS, SECRET, startOAuthScene, TENANT, WORKSPACE_USER, type OAuthScene } from '../support/oauth-scene';
import { SEED_ADMIN, seedDataDir } from '../support/seed';
import { makeTempDir } from '../support/temp-dir';
import { logIn } from './admin-steps';
import { expect, shot, test } from './fixtures';

/** 基本設定›メール送信's sending form: 送信エラーの確認 below it has fields of the same names. */
const sendingForm = (page: Page) => page.locator('form.settings-form:not(.bounce-settings)').first();

let scene: OAuthScene;
test.beforeAll(async () => {
  scene = await startOAuthScene();
});
test.afterAll(async () => {
  await scene.dispose();
});

const settings = (page: Page) => page.locator('form').filter({ has: page.getByRole('button', { name: 'メール送信の設定を保存' }) });

async function save(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'メール送信の設定を保存' }).click();
  await expect(page.getByText('設定を保存しました。')).toBeVisible();
}

async function testSend(page: Page, to: string): Promise<void> {
  await page.getByLabel('テスト送信先').fill(to);
  await page.getByRole('button', { name: 'テスト送信' }).click();
}

/** YYYY-MM-DD `days` from now, as the date field takes it. */
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('Microsoft 365: かんたん設定 chooses OAuth 2.0 and 30 a minute; a wrong secret fails at the token step, the right one sends, a mailbox without permission fails at the SMTP step; a certificate (PFX) works; the grid warns of the secret\'s expiry', async ({ page, startServer }) => {
  const tmp = makeTempDir('focusu-e2e-oauth-');
  try {
    await seedDataDir(tmp.dir, 3);
    const server = await startServer({ dataDir: tmp.dir, args: scene.args, env: scene.env });
    await logIn(page, server, SEED_ADMIN);
    await page.getByRole('button', { name: 'メール送信' }).click();
    await page.getByRole('button', { name: 'Microsoft 365' }).click();
    await expect(page.getByLabel('OAuth 2.0（Microsoft 365）')).toBeChecked();
    await expect(page.getByLabel('SMTPサーバー')).toHaveValue('smtp.office365.com');
    await expect(page.getByLabel('送信数の上限（1分あたり、0は無制限）')).toHaveValue('30');
    await expect(page.getByText('送信数の上限を1分あたり30通にしました。')).toBeVisible();
    await shot(page, 'smtp-oauth-01-preset-microsoft365');

    // the test's stand-in for smtp.office365.com
    await page.getByLabel('SMTPサーバー').fill('127.0.0.1');
    await sendingForm(page).getByLabel('ポート番号').fill(String(scene.microsoftSmtp.port));
    await page.getByLabel('送信者メールアドレス').fill(MAILBOX);
    await page.getByLabel('テナントID').fill(TENANT);
    await page.getByLabel('アプリケーション（クライアント）ID').fill(CLIENT);
    await page.getByLabel('クライアントシークレット（値）').fill('the secret ID, not its value');
    await page.getByLabel('クライアントシークレットの有効期限（任意）').fill(daysFromNow(20));
    await page.getByLabel('送信元メールアドレス').fill(MAILBOX);
    await save(page);
    await expect(settings(page).getByText('設定済み', { exact: true })).toBeVisible();
    await expect(page.getByLabel('クライアントシークレット（値）')).toHaveCount(0); // never shown again

    await testSend(page, 'ms-e2e@example.co.jp');
    const failure = page.locator('.smtp-test-error');
    await expect(failure).toContainText('［アクセストークンの取得］で失敗しました。クライアントシークレットが正しくありません。');
    await shot(page, 'smtp-oauth-02-wrong-secret');

    await page.getByRole('button', { name: '変更', exact: true }).click();
    await page.getByLabel('新しいクライアントシークレット').fill(SECRET);
    await page.getByLabel('クライアントシークレットの有効期限（任意）').fill(daysFromNow(20));
    await save(page);
    await testSend(page, 'ms-e2e@example.co.jp');
    await expect(page.getByText('アクセストークンを取得し、ms-e2e@example.co.jp にテストメールを送信しました。')).toBeVisible();
    expect(scene.microsoftSmtp.mails.filter((m) => m.to === 'ms-e2e@example.co.jp')).toHaveLength(1);
    await shot(page, 'smtp-oauth-03-sent');

    scene.microsoftSmtp.mailboxAccess.clear();
    await testSend(page, 'ms-e2e@example.co.jp');
    await expect(failure).toContainText(`［SMTPサーバーへの送信］で失敗しました。Microsoft 365 がアプリによる ${MAILBOX} へのログインを認めませんでした。`);
    await shot(page, 'smtp-oauth-04-mailbox-not-allowed');
    scene.microsoftSmtp.mailboxAccess.set(MAILBOX, new Set([scene.msApp.servicePrincipalId]));

    // the grid's header: the secret expires in 20 days
    await page.getByRole('button', { name: '社員情報管理' }).click();
    const warning = page.locator('.credential-expiry');
    await expect(warning).toContainText(`メール送信用のクライアントシークレットの有効期限が近づいています（${daysFromNow(20)}、あと20日）。`);
    await shot(page, 'smtp-oauth-05-grid-expiry-warning');
    await warning.getByRole('button', { name: 'メール送信の設定を開く' }).click();

    // the certificate instead, as a PFX
    await page.getByLabel('証明書', { exact: true }).check();
    const pfx = path.join(tmp.dir, 'focus-u-mail.pfx');
    writeFileSync(pfx, Buffer.from(scene.certificate.pfxBase64, 'base64'));
    await page.getByLabel('PFX（.pfx / .p12）').check();
    await page.getByLabel('PFXファイル').setInputFiles(pfx);
    await page.getByLabel('PFXのパスワード').fill(PFX_PASS);
    await save(page);
    await expect(settings(page).getByText(/設定済み（CN=focus-u-mail、有効期限 \d{4}-\d{2}-\d{2}）/)).toBeVisible();
    await testSend(page, 'ms-cert-e2e@example.co.jp');
    await expect(page.getByText('アクセストークンを取得し、ms-cert-e2e@example.co.jp にテストメールを送信しました。')).toBeVisible();
    await shot(page, 'smtp-oauth-06-certificate');
    // with the certificate (a year left) the grid has nothing to warn of
    await page.getByRole('button', { name: '社員情報管理' }).click();
    await expect(page.getByRole('table', { name: '社員情報管理' })).toBeVisible();
    await expect(page.locator('.credential-expiry')).toHaveCount(0);
  } finally {
    tmp.remove();
  }
});

test('Google Workspace: the service account key, テスト送信 succeeding, then failing at the token step without domain-wide delegation; the password method says an app password is needed', async ({ page, startServer }) => {
  const tmp = makeTempDir('focusu-e2e-oauth-g-');
  try {
    await seedDataDir(tmp.dir, 1);
    const server = await startServer({ dataDir: tmp.dir, args: scene.args, env: scene.env });
    await logIn(page, server, SEED_ADMIN);
    await page.getByRole('button', { name: 'メール送信' }).click();
    await page.getByRole('button', { name: 'Google Workspace' }).click();
    await expect(page.getByLabel('OAuth 2.0（Google Workspace）')).toBeChecked();
    await expect(page.getByLabel('送信数の上限（1分あたり、0は無制限）')).toHaveValue('60');
    await page.getByLabel('SMTPサーバー').fill('127.0.0.1');
    await sendingForm(page).getByLabel('ポート番号').fill(String(scene.googleSmtp.port));
    await page.getByLabel('送信者メールアドレス').fill(WORKSPACE_USER);
    // a file that is not a key first
    const notKey = path.join(tmp.dir, 'not-a-key.json');
    writeFileSync(notKey, '{"type": "authorized_user"}');
    await page.getByLabel('サービスアカウントキー（JSON）').setInputFiles(notKey);
    await page.getByRole('button', { name: 'メール送信の設定を保存' }).click();
    await expect(page.getByText('サービスアカウントキーを読み込めませんでした。')).toBeVisible();
    await shot(page, 'smtp-oauth-07-google-bad-key');
    const key = path.join(tmp.dir, 'focus-u-mailer.json');
    writeFileSync(key, scene.google.keyJson);
    await page.getByLabel('サービスアカウントキー（JSON）').setInputFiles(key);
    await save(page);
    await expect(settings(page).getByText(`設定済み（${scene.google.account.clientEmail}、クライアントID ${scene.google.account.clientId}）`)).toBeVisible();
    await testSend(page, 'google-e2e@example.co.jp');
    await expect(page.getByText('アクセストークンを取得し、google-e2e@example.co.jp にテストメールを送信しました。')).toBeVisible();
    expect(scene.googleSmtp.mails.filter((m) => m.to === 'google-e2e@example.co.jp')).toHaveLength(1);
    await shot(page, 'smtp-oauth-08-google-sent');

    scene.google.account.delegatedScopes = [];
    try {
      await page.getByRole('button', { name: 'メール送信の設定を保存' }).click(); // a save starts a fresh token cache
      await expect(page.getByText('設定を保存しました。')).toBeVisible();
      await testSend(page, 'google-e2e@example.co.jp');
      await expect(page.locator('.smtp-test-error')).toContainText(`［アクセストークンの取得］で失敗しました。ドメイン全体の委任が設定されていません。`);
      await expect(page.locator('.smtp-test-error')).toContainText(scene.google.account.clientId);
      await shot(page, 'smtp-oauth-09-google-no-delegation');
    } finally {
      scene.google.account.delegatedScopes = ['https://mail.google.com/'];
    }

    // the password method: the note on app passwords
    await sendingForm(page).getByLabel('パスワード', { exact: true }).first().check();
    await expect(page.getByText('2段階認証プロセスを有効にしたうえで作成した「アプリ パスワード」')).toBeVisible();
    await shot(page, 'smtp-oauth-10-password-method');
  } finally {
    tmp.remove();
  }
});

test('Microsoft 365 with the password method: 535 5.7.139 says to choose OAuth 2.0', async ({ page, startServer }) => {
  const tmp = makeTempDir('focusu-e2e-oauth-p-');
  scene.microsoftSmtp.basicAuthDisabled = true;
  try {
    await seedDataDir(tmp.dir, 1);
    const server = await startServer({ dataDir: tmp.dir, args: scene.args, env: scene.env });
    await logIn(page, server, SEED_ADMIN);
    await page.getByRole('button', { name: 'メール送信' }).click();
    await page.getByLabel('SMTPサーバー').fill('127.0.0.1');
    await sendingForm(page).getByLabel('ポート番号').fill(String(scene.microsoftSmtp.port));
    await sendingForm(page).getByLabel('暗号化').selectOption('starttls');
    await sendingForm(page).getByLabel('ユーザー名').fill(MAILBOX);
    await sendingForm(page).getByLabel('パスワード', { exact: true }).last().fill('mailbox password 1');
    await page.getByLabel('送信元メールアドレス').fill(MAILBOX);
    await save(page);
    await testSend(page, 'basic@example.co.jp');
    await expect(page.locator('.smtp-test-error')).toContainText('Microsoft 365 でパスワード認証が無効になっています。OAuth 2.0 を選んでください。');
    await shot(page, 'smtp-oauth-11-basic-auth-disabled');
  } finally {
    scene.microsoftSmtp.basicAuthDisabled = false;
    tmp.remove();
  }
});
