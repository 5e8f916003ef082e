/**
 * 基本設定 › メール送信 with OAuth 2.0, on the real service graph and a real SQLite file (no token
 * is fetched here: smtp-oauth.test.ts does that): what a save needs, what it refuses (changing
 * nothing), what is sealed, and when the grid's header warns of an expiring credential.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { composeApp } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { readSmtpOAuth } from '../../db/queries/settings';
import type { MethodInput } from '../../preload/contract';
import { smtpSettingsSchema } from '../../preload/schemas';
import { FakeClock } from '../support/fake-clock';
import { makeServiceAccount } from '../support/oauth-test-server';
import { makeAppCertificate, pfxOf } from '../support/test-ca';
import { startTarpit } from '../support/tarpit-smtp';
import { createTokenProvider } from '../../main/services/mail/oauth/token-provider';
import { makeTempDir } from '../support/temp-dir';
import { makeTestApp } from '../support/test-app';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function testApp() {
  const t = makeTestApp();
  cleanups.push(() => t.dispose());
  return t;
}
function tempDir() {
  const t = makeTempDir();
  cleanups.push(t.remove);
  return t.dir;
}

const TENANT = '7f3c1a2b-4d5e-4f60-8a9b-0c1d2e3f4a5b';
const CLIENT = '2b6e8f10-3c4d-4e5f-9a0b-1c2d3e4f5a6b';
const SECRET = 'Xy8Q~settings-test-secret';

const input = (over: Partial<MethodInput<'smtp.update'>> = {}): z.output<typeof smtpSettingsSchema> => smtpSettingsSchema.parse({
  host: 'smtp.office365.com', port: 587, security: 'starttls', user: '', password: null, fromAddress: '', fromName: 'Focus U', ratePerMinute: 30,
  authMethod: 'microsoft365', oauthUser: 'soumu@example.co.jp', tenantId: TENANT, clientId: CLIENT, msCredential: 'secret', clientSecret: SECRET,
  secretExpiresOn: '', certificate: null, serviceAccountKey: null, ...over,
});

const refusal = (work: () => unknown): { message: string; fieldErrors?: Record<string, string> } => {
  try {
    work();
  } catch (e) {
    return e as { message: string; fieldErrors?: Record<string, string> };
  }
  throw new Error('not refused');
};

describe('saving OAuth 2.0 settings', () => {
  it('Microsoft 365 needs the tenant, the application, a secret (or certificate) and the mailbox: each missing one is named and nothing is saved', () => {
    const { app } = testApp();
    const before = readSmtpOAuth(app.db);
    const e = refusal(() => app.smtp.update(input({ tenantId: '', clientId: '', clientSecret: null, oauthUser: '' })));
    expect(e.fieldErrors).toEqual({
      oauthUser: '送信者メールアドレスを入力してください。', tenantId: 'テナントIDを入力してください。',
      clientId: 'アプリケーション（クライアント）IDを入力してください。', clientSecret: 'クライアントシークレットを入力してください。',
    });
    expect(refusal(() => app.smtp.update(input({ msCredential: 'certificate', clientSecret: null }))).fieldErrors).toEqual({ certificate: '証明書を選択してください。' });
    expect(refusal(() => app.smtp.update(input({ authMethod: 'google', oauthUser: 'a@example.co.jp' }))).fieldErrors).toEqual({
      serviceAccountKey: 'サービスアカウントキー（JSON ファイル）を選択してください。',
    });
    expect(readSmtpOAuth(app.db)).toEqual(before);
  });

  it('formats are checked where they are typed: a tenant, a GUID, a date', () => {
    const issues = (over: Partial<MethodInput<'smtp.update'>>) => smtpSettingsSchema.safeParse({ ...input(), ...over }).error?.issues.map((i) => i.message);
    expect(issues({ tenantId: 'not a tenant!' })).toEqual([expect.stringContaining('テナントIDは GUID')]);
    expect(issues({ tenantId: 'example.onmicrosoft.com' })).toBeUndefined();
    expect(issues({ clientId: 'focus-u' })).toEqual([expect.stringContaining('アプリケーション（クライアント）IDは GUID')]);
    expect(issues({ secretExpiresOn: '2027-02-30' })).toEqual(['クライアントシークレットの有効期限は YYYY-MM-DD の形式（例: 2027-06-30）で入力してください。']);
    expect(issues({ clientSecret: 'two\nlines' })).toEqual(['クライアントシークレット（値）に改行やタブなどの制御文字は使用できません。']);
  });

  it('the client secret is sealed: the database holds no plain secret, the screen sees only that it is set; a stored one is kept when nothing is typed', () => {
    const { app } = testApp();
    const view = app.smtp.update(input());
    expect(view.oauth).toMatchObject({ secretSet: true, tenantId: TENANT, clientId: CLIENT });
    expect(JSON.stringify(view)).not.toContain(SECRET);
    const row = readSmtpOAuth(app.db);
    expect(row.msSecretSealed).not.toContain(SECRET);
    expect(row.msSecretSealed).toMatch(/^v1\./);
    app.smtp.update(input({ clientSecret: null, fromName: '総務部' }));
    expect(readSmtpOAuth(app.db).msSecretSealed).toBe(row.msSecretSealed);
  });

  it('a certificate is checked before it is kept: a pair that does not match, a key that is not RSA, a wrong PFX passphrase, an expired one — each refused, nothing changed', () => {
    const { app, clock } = testApp();
    const dir = tempDir();
    const a = makeAppCertificate(dir, 'a');
    const b = makeAppCertificate(dir, 'b');
    app.smtp.update(input());
    const before = readSmtpOAuth(app.db);
    const cert = (certificate: MethodInput<'smtp.update'>['certificate']) => refusal(() => app.smtp.update(input({ msCredential: 'certificate', clientSecret: null, certificate })));
    expect(cert({ kind: 'pem', certPem: a.certPem, keyPem: b.keyPem }).fieldErrors).toEqual({ certificate: '証明書（PEM）と秘密鍵（PEM）の組み合わせを読み込めませんでした。ファイルと組み合わせを確認してください。' });
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', path.join(dir, 'ec.key'), '-out', path.join(dir, 'ec.pem'), '-days', '30', '-subj', '/CN=ec'], { stdio: 'pipe' });
    const ec = { kind: 'pem' as const, certPem: execFileSync('cat', [path.join(dir, 'ec.pem')]).toString(), keyPem: execFileSync('cat', [path.join(dir, 'ec.key')]).toString() };
    expect(cert(ec).message).toContain('RSA ではありません');
    expect(cert({ kind: 'pfx', pfxBase64: pfxOf(dir, a, 'right').toString('base64'), passphrase: 'wrong' }).message).toBe('PFXファイルを読み込めませんでした。ファイルとパスワードを確認してください。');
    clock.advanceTo(Date.now() + 400 * 86_400_000);
    expect(cert({ kind: 'pem', certPem: a.certPem, keyPem: a.keyPem }).message).toMatch(/^証明書の有効期限が切れています（\d{4}-\d{2}-\d{2}）。/);
    expect(readSmtpOAuth(app.db)).toEqual(before);
  });

  it('a PFX is read whether OpenSSL 3 (AES-256) or Windows\' export wizard (3DES) wrote it; the key is sealed, the certificate shown', () => {
    const { app } = testApp();
    const dir = tempDir();
    const a = makeAppCertificate(dir, 'focus-u-mail');
    for (const legacy of [false, true]) {
      const view = app.smtp.update(input({ msCredential: 'certificate', clientSecret: null, certificate: { kind: 'pfx', pfxBase64: pfxOf(dir, a, 'p', legacy).toString('base64'), passphrase: 'p' } }));
      expect(view.oauth.certificate).toMatchObject({ subject: 'CN=focus-u-mail', validTo: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
      const row = readSmtpOAuth(app.db);
      expect(row.msKeySealed).not.toContain('PRIVATE KEY');
      expect(row.msCertPem).toContain('BEGIN CERTIFICATE');
    }
  });

  it('a service account key must be one: not JSON, not a service account, or without a usable key is refused', () => {
    const { app } = testApp();
    const { keyJson } = makeServiceAccount('m@p.iam.gserviceaccount.com');
    const google = (serviceAccountKey: string) => refusal(() => app.smtp.update(input({ authMethod: 'google', oauthUser: 'a@example.co.jp', serviceAccountKey })));
    const bad = 'サービスアカウントキーを読み込めませんでした。Google Cloud コンソールの「サービスアカウント」›「鍵」›「鍵を追加」で作成した JSON 形式のキーファイルを選択してください。';
    expect(google('{"type": "service_account"').message).toBe(bad);
    expect(google(JSON.stringify({ ...JSON.parse(keyJson), type: 'authorized_user' })).message).toBe(bad);
    expect(google(JSON.stringify({ ...JSON.parse(keyJson), private_key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' })).fieldErrors).toEqual({ serviceAccountKey: bad });
    const view = app.smtp.update(input({ authMethod: 'google', oauthUser: 'a@example.co.jp', serviceAccountKey: keyJson }));
    expect(view.oauth.serviceAccount).toEqual({ clientEmail: 'm@p.iam.gserviceaccount.com', clientId: JSON.parse(keyJson).client_id });
    expect(readSmtpOAuth(app.db).googleKeySealed).not.toContain('PRIVATE KEY');
  });
});

describe('expiry warnings (the grid\'s header, 30 days ahead)', () => {
  it('a client secret\'s date as entered: nothing until 30 days before, then the days left, then expired; a new secret without a date forgets the old one', () => {
    const { app, clock } = testApp(); // 2026-11-25
    expect(app.smtp.update(input({ secretExpiresOn: '2027-06-30' })).expiry).toBeNull();
    expect(app.smtp.update(input({ clientSecret: null, secretExpiresOn: '2026-12-20' })).expiry).toEqual({ what: 'secret', date: '2026-12-20', daysLeft: 25 });
    clock.advance(30 * 86_400_000);
    expect(app.smtp.get().expiry).toMatchObject({ what: 'secret', daysLeft: -5 });
    expect(app.smtp.update(input({ clientSecret: 'a-new-secret' })).expiry).toBeNull();
    expect(app.smtp.get().oauth.secretExpiresOn).toBe('');
    // the password method: no warning about a secret it does not use
    app.smtp.update(input({ secretExpiresOn: '2026-12-26' }));
    expect(app.smtp.get().expiry).not.toBeNull();
    expect(app.smtp.update(input({ authMethod: 'password', user: 'u', password: 'p' })).expiry).toBeNull();
  });

  it('a certificate\'s own expiry, read from it', () => {
    const { app, clock } = testApp();
    const dir = tempDir();
    const short = makeAppCertificate(dir, 'short', 40);
    clock.advanceTo(Date.now());
    const view = app.smtp.update(input({ msCredential: 'certificate', clientSecret: null, certificate: { kind: 'pem', certPem: short.certPem, keyPem: short.keyPem } }));
    expect(view.expiry).toBeNull(); // 40 days left
    clock.advance(15 * 86_400_000);
    expect(app.smtp.get().expiry).toMatchObject({ what: 'certificate', date: view.oauth.certificate!.validTo, daysLeft: 25 });
  });
});

describe('a stored credential that can no longer be opened', () => {
  it('「テスト送信」 names the token step and says to enter the credential again (the key beside the database was lost)', async () => {
    const dir = tempDir();
    const first = composeApp({ dataDir: dir, clock: new FakeClock(), logger: silentLogger });
    first.smtp.update(input());
    await first.close();
    rmSync(path.join(dir, 'secret.key'));
    const second = composeApp({ dataDir: dir, clock: new FakeClock(), logger: silentLogger });
    cleanups.push(() => second.close());
    await expect(second.smtp.test('x@example.co.jp')).rejects.toThrow(
      '［アクセストークンの取得］で失敗しました。保存済みの資格情報を復号できません（データフォルダーの鍵が失われたか、変わりました）。基本設定 › メール送信で資格情報を入力し直してください。',
    );
  });
});

describe('an authorization server that never answers', () => {
  it('the token step gives up after its wait and names the host and the wait (MSAL sets no limit of its own on its requests)', async () => {
    const silent = await startTarpit('silent'); // accepts, never answers: not even the TLS handshake
    cleanups.push(() => silent.close());
    const endpoints = { microsoftLoginUrl: `https://127.0.0.1:${silent.port}`, googleTokenUrl: `https://127.0.0.1:${silent.port}/token` };
    const microsoft = createTokenProvider({ provider: 'microsoft365', tenantId: TENANT, clientId: CLIENT, credential: { kind: 'secret', secret: SECRET }, user: 'a@example.co.jp' }, endpoints, new FakeClock(), 500);
    await expect(microsoft.get()).rejects.toThrow(`認証サーバー（127.0.0.1:${silent.port}）から応答がありません（0.5秒）。ネットワークやプロキシの設定を確認してください。`);
    const { keyJson } = makeServiceAccount('m@p.iam.gserviceaccount.com');
    const key = JSON.parse(keyJson) as { client_email: string; client_id: string; private_key_id: string; private_key: string };
    const google = createTokenProvider({
      provider: 'google', key: { clientEmail: key.client_email, clientId: key.client_id, privateKeyId: key.private_key_id, privateKey: key.private_key }, user: 'a@example.co.jp',
    }, endpoints, new FakeClock(), 500);
    await expect(google.get()).rejects.toThrow(`認証サーバー（127.0.0.1:${silent.port}）から応答がありません（0.5秒）。`);
    expect(silent.connections()).toBeGreaterThanOrEqual(2);
  });
});
