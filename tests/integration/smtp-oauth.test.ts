/**
 * OAuth 2.0 (XOAUTH2) submission for Microsoft 365 and Google Workspace, end to end with real
 * parts: a real headless server (a child process, trusting the test CA through Node's own
 * NODE_EXTRA_CA_CERTS) gets its tokens from a real authorization server on loopback with MSAL and
 * google-auth-library, and sends through real SMTP servers that check each token's signature,
 * audience and expiry against that authorization server's keys.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AdminClient } from '../support/admin-client';
import { startHeadless, type HeadlessProcess } from '../support/headless-process';
import { CLIENT, googleSettings, MAILBOX, microsoftSettings, PFX_PASS, SECRET, startOAuthScene, TENANT, WORKSPACE_USER, type OAuthScene } from '../support/oauth-scene';
import { SMTP_PASS, SMTP_USER } from '../support/smtp-test-server';
import { makeTempDir } from '../support/temp-dir';

let scene: OAuthScene;
let server: HeadlessProcess;
let admin: AdminClient;
let dataDir: ReturnType<typeof makeTempDir>;

beforeAll(async () => {
  scene = await startOAuthScene();
  dataDir = makeTempDir('focusu-oauth-app-');
  server = await startHeadless(['--data-dir', dataDir.dir, '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', '0', ...scene.args], scene.env);
  admin = await AdminClient.open(server.adminUrl);
  await admin.call('auth.setup', { companyName: '株式会社オース', adminLastName: '管理', loginId: 'admin', password: 'admin secret 1234' });
  await admin.call('settings.updateAccount', { notifyMethod: 'mail', verificationDays: 7, requirePasswordChange: true });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await scene?.dispose();
  dataDir?.remove();
});

/** Each test starts from the app registered as it should be and the server's token clock in step. */
beforeEach(() => {
  Object.assign(scene.msApp, { secrets: [{ value: SECRET }], certificates: [scene.certificate.certPem], consented: true, disabled: false, blockedByPolicy: false });
  scene.microsoftSmtp.mailboxAccess.set(MAILBOX, new Set([scene.msApp.servicePrincipalId]));
  scene.microsoftSmtp.smtpAuthDisabled.clear();
  scene.microsoftSmtp.basicAuthDisabled = false;
  scene.google.account.delegatedScopes = ['https://mail.google.com/'];
  scene.google.account.keyRevoked = false;
});

const testSend = (to: string) => admin.outcome('smtp.test', { to });
const failure = async (to: string) => {
  const o = await testSend(to);
  if (o.ok) throw new Error('テスト送信 succeeded');
  return o.error.message;
};

describe('「テスト送信」 with OAuth 2.0', () => {
  it('Microsoft 365 with a client secret: the token from the authorization server, XOAUTH2 as the mailbox, the mail arrives; a second send reuses the token', async () => {
    const view = await admin.call('smtp.update', microsoftSettings(scene));
    expect(view).toMatchObject({ authMethod: 'microsoft365', oauth: { secretSet: true, tenantId: TENANT, clientId: CLIENT, user: MAILBOX } });
    expect(JSON.stringify(view)).not.toContain(SECRET);
    const tokensBefore = scene.oauth.tokenRequests.microsoft;
    expect(await testSend('ms-secret@example.co.jp')).toMatchObject({ ok: true });
    expect(scene.microsoftSmtp.mails.filter((m) => m.to === 'ms-secret@example.co.jp')).toHaveLength(1);
    expect(scene.microsoftSmtp.auths.at(-1)).toMatchObject({ method: 'XOAUTH2', user: MAILBOX, ok: true });
    expect(await testSend('ms-secret-2@example.co.jp')).toMatchObject({ ok: true });
    expect(scene.oauth.tokenRequests.microsoft - tokensBefore).toBe(1);
  });

  it('Microsoft 365 with a certificate (PEM pair, PFX as OpenSSL writes it, PFX as Windows exports it): MSAL signs the client assertion, the server checks it against the registered certificate', async () => {
    for (const certificate of [
      { kind: 'pem' as const, certPem: scene.certificate.certPem, keyPem: scene.certificate.keyPem },
      { kind: 'pfx' as const, pfxBase64: scene.certificate.pfxBase64, passphrase: PFX_PASS },
      { kind: 'pfx' as const, pfxBase64: scene.certificate.legacyPfxBase64, passphrase: PFX_PASS },
    ]) {
      scene.msApp.secrets = []; // the secret is gone: only the certificate can get a token
      const view = await admin.call('smtp.update', microsoftSettings(scene, { msCredential: 'certificate', clientSecret: null, certificate }));
      expect(view.oauth.certificate).toMatchObject({ subject: 'CN=focus-u-mail' });
      const to = `ms-cert-${certificate.kind}-${scene.microsoftSmtp.mails.length}@example.co.jp`;
      expect(await testSend(to)).toMatchObject({ ok: true });
      expect(scene.microsoftSmtp.mails.filter((m) => m.to === to)).toHaveLength(1);
    }
  });

  it('Google Workspace with a service account key: the JWT-bearer grant with the user as subject, XOAUTH2 as that user', async () => {
    const view = await admin.call('smtp.update', googleSettings(scene));
    expect(view.oauth.serviceAccount).toEqual({ clientEmail: scene.google.account.clientEmail, clientId: scene.google.account.clientId });
    expect(JSON.stringify(view)).not.toContain('PRIVATE KEY');
    expect(await testSend('google@example.co.jp')).toMatchObject({ ok: true });
    expect(scene.googleSmtp.mails.filter((m) => m.to === 'google@example.co.jp')).toHaveLength(1);
    expect(scene.oauth.issued.at(-1)).toMatchObject({ provider: 'google', payload: { sub: WORKSPACE_USER } });
  });
});

describe('a token that expired before the app expected', () => {
  it('Microsoft answers 535 at once: the one-off sender renews the token once and the mail goes once', async () => {
    await admin.call('smtp.update', microsoftSettings(scene));
    expect(await testSend('before@example.co.jp')).toMatchObject({ ok: true });
    scene.oauth.advance(2 * 3_600_000);
    const tokens = scene.oauth.tokenRequests.microsoft;
    const auths = scene.microsoftSmtp.auths.length;
    expect(await testSend('after-expiry@example.co.jp')).toMatchObject({ ok: true });
    expect(scene.microsoftSmtp.mails.filter((m) => m.to === 'after-expiry@example.co.jp')).toHaveLength(1);
    expect(scene.microsoftSmtp.auths.slice(auths).map((a) => a.answer.slice(0, 9))).toEqual(['535 5.7.3', '235']);
    expect(scene.oauth.tokenRequests.microsoft - tokens).toBe(1);
  });

  it('Gmail challenges (334): nodemailer asks for a renewal, the app\'s token cache fetches it, the mail goes once', async () => {
    await admin.call('smtp.update', googleSettings(scene));
    expect(await testSend('g-before@example.co.jp')).toMatchObject({ ok: true });
    scene.oauth.advance(2 * 3_600_000);
    const tokens = scene.oauth.tokenRequests.google;
    const auths = scene.googleSmtp.auths.length;
    expect(await testSend('g-after-expiry@example.co.jp')).toMatchObject({ ok: true });
    expect(scene.googleSmtp.mails.filter((m) => m.to === 'g-after-expiry@example.co.jp')).toHaveLength(1);
    expect(scene.googleSmtp.auths.slice(auths).map((a) => a.answer)).toEqual(['334 challenge', '235']);
    expect(scene.oauth.tokenRequests.google - tokens).toBe(1);
  });
});

describe('「テスト送信」 that says what is wrong, naming the step', () => {
  const tokenStep = '［アクセストークンの取得］で失敗しました。';
  const smtpStep = '［SMTPサーバーへの送信］で失敗しました。';

  it('an invalid client secret', async () => {
    await admin.call('smtp.update', microsoftSettings(scene, { clientSecret: 'wrong-secret-value' }));
    const message = await failure('x@example.co.jp');
    expect(message).toContain(tokenStep);
    expect(message).toContain('クライアントシークレットが正しくありません。');
  });

  it('an expired client secret', async () => {
    scene.msApp.secrets = [{ value: SECRET, expiresAt: Date.now() - 86_400_000 }];
    await admin.call('smtp.update', microsoftSettings(scene));
    expect(await failure('x@example.co.jp')).toContain(`${tokenStep}クライアントシークレットの有効期限が切れています。`);
  });

  it('a certificate that was never uploaded to the app', async () => {
    await admin.call('smtp.update', microsoftSettings(scene, { msCredential: 'certificate', clientSecret: null, certificate: { kind: 'pem', ...scene.strangerCertificate } }));
    expect(await failure('x@example.co.jp')).toContain(`${tokenStep}証明書がアプリに登録されていないか、登録された証明書と一致しません。`);
  });

  it('an unknown application', async () => {
    await admin.call('smtp.update', microsoftSettings(scene, { clientId: '00000000-1111-2222-3333-444444444444' }));
    expect(await failure('x@example.co.jp')).toContain(`${tokenStep}アプリケーション（クライアント）IDがこのテナントに見つかりません。`);
  });

  it('an unknown tenant (MSAL says only that it could not resolve the endpoints; the tenant\'s metadata says why)', async () => {
    await admin.call('smtp.update', microsoftSettings(scene, { tenantId: '99999999-8888-7777-6666-555555555555' }));
    expect(await failure('x@example.co.jp')).toContain(`${tokenStep}テナントIDが見つかりません。`);
  });

  it('admin consent not granted (the token comes without the SMTP.SendAsApp role)', async () => {
    scene.msApp.consented = false;
    await admin.call('smtp.update', microsoftSettings(scene));
    expect(await failure('x@example.co.jp')).toContain(`${tokenStep}管理者の同意が付与されていません。`);
  });

  it('the app not allowed on the mailbox (no Add-MailboxPermission): the SMTP step, after one renewal', async () => {
    scene.microsoftSmtp.mailboxAccess.clear();
    await admin.call('smtp.update', microsoftSettings(scene));
    const auths = scene.microsoftSmtp.auths.length;
    const message = await failure('x@example.co.jp');
    expect(message).toContain(`${smtpStep}Microsoft 365 がアプリによる ${MAILBOX} へのログインを認めませんでした。`);
    expect(message).toContain('535 5.7.3 Authentication unsuccessful');
    expect(scene.microsoftSmtp.auths.length - auths).toBe(2); // refused, renewed once, refused again
  });

  it('a From address the mailbox may not send as', async () => {
    await admin.call('smtp.update', microsoftSettings(scene, { fromAddress: 'president@example.co.jp' }));
    expect(await failure('x@example.co.jp')).toContain(`${smtpStep}${MAILBOX} には、送信元メールアドレス president@example.co.jp として送信する権限がありません。`);
  });

  it('SMTP AUTH switched off for the mailbox', async () => {
    scene.microsoftSmtp.smtpAuthDisabled.add(MAILBOX);
    await admin.call('smtp.update', microsoftSettings(scene));
    expect(await failure('x@example.co.jp')).toContain(`${smtpStep}${MAILBOX} では SMTP AUTH（認証済み SMTP）が無効になっています。`);
  });

  it('an answer the product has no words for shows the provider\'s code and text', async () => {
    scene.msApp.blockedByPolicy = true;
    await admin.call('smtp.update', microsoftSettings(scene));
    expect(await failure('x@example.co.jp')).toContain(`${tokenStep}Microsoft の応答: AADSTS53003: Access has been blocked by Conditional Access policies.`);
  });

  it('Google: domain-wide delegation not granted, a deleted key, an unknown user', async () => {
    scene.google.account.delegatedScopes = [];
    await admin.call('smtp.update', googleSettings(scene));
    expect(await failure('x@example.co.jp')).toContain(`${tokenStep}ドメイン全体の委任が設定されていません。`);
    expect(await failure('x@example.co.jp')).toContain(scene.google.account.clientId);
    scene.google.account.delegatedScopes = ['https://mail.google.com/'];
    scene.google.account.keyRevoked = true;
    await admin.call('smtp.update', googleSettings(scene, { serviceAccountKey: null }));
    expect(await failure('x@example.co.jp')).toContain(`${tokenStep}サービスアカウントキーが無効です`);
    scene.google.account.keyRevoked = false;
    await admin.call('smtp.update', googleSettings(scene, { serviceAccountKey: null, oauthUser: 'nobody@example-ws.co.jp', fromAddress: '' }));
    expect(await failure('x@example.co.jp')).toContain(`${tokenStep}送信者メールアドレス（nobody@example-ws.co.jp）が Google Workspace に見つからないか、停止されています。`);
  });

  it('the password method against a tenant without basic authentication: 535 5.7.139 says to choose OAuth 2.0', async () => {
    scene.microsoftSmtp.basicAuthDisabled = true;
    await admin.call('smtp.update', {
      ...microsoftSettings(scene), authMethod: 'password', user: SMTP_USER, password: SMTP_PASS,
    });
    const message = await failure('x@example.co.jp');
    expect(message).toContain('Microsoft 365 でパスワード認証が無効になっています。OAuth 2.0 を選んでください。');
    expect(message).toContain('535 5.7.139 Authentication unsuccessful, basic authentication is disabled.');
  });
});

describe('bulk mail with OAuth 2.0', () => {
  async function employees(prefix: string, n: number): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const r = await admin.call('employees.create', {
        loginId: `${prefix}${i}`, code: '', honorific: '', lastName: '山田', firstName: `${i}郎`, department: '', email1: `${prefix}${i}@example.co.jp`,
        email2: '', email3: '', recorderEnabled: true, acceptDuplicateWarnings: true,
      });
      if (r.status !== 'saved') throw new Error('not saved');
      ids.push(r.employee.id);
    }
    return ids;
  }

  async function runJob(ids: number[]) {
    const job = await admin.call('bulkMail.start', { items: ids.map((id) => ({ id, slot: 1 as const })) });
    for (;;) {
      const status = await admin.call('bulkMail.status', { jobId: job.jobId });
      if (!status.running) return status;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('the token expires in the middle of the job: sessions end, the stale token is refused (535), renewed once, and every mail is sent exactly once', async () => {
    await admin.call('smtp.update', microsoftSettings(scene));
    const ids = await employees('expiry', 30);
    const tokensBefore = scene.oauth.tokenRequests.microsoft;
    const refusedBefore = scene.microsoftSmtp.auths.filter((a) => !a.ok).length;
    const accepted = scene.microsoftSmtp.mails.length;
    scene.microsoftSmtp.afterMail = (count) => {
      if (count !== accepted + 10) return;
      // two hours pass for the token: the app still believes it valid for most of an hour
      scene.oauth.advance(2 * 3_600_000);
      scene.microsoftSmtp.endExpiredSessions();
    };
    const status = await runJob(ids);
    scene.microsoftSmtp.afterMail = null;
    expect(status).toMatchObject({ total: 30, sent: 30, failed: 0, uncertain: 0 });
    for (let i = 0; i < 30; i++) expect(scene.microsoftSmtp.mails.filter((m) => m.to === `expiry${i}@example.co.jp`)).toHaveLength(1);
    expect(scene.microsoftSmtp.auths.filter((a) => !a.ok).length - refusedBefore).toBeGreaterThan(0);
    // one token at the start and one renewal, however many connections met the refusal
    expect(scene.oauth.tokenRequests.microsoft - tokensBefore).toBe(2);
  });

  it('the client is revoked in the middle of the job: the mail worker\'s renewal is refused, the rest fail with the provider\'s reason (asked once), the sent ones stay sent, nothing goes twice', async () => {
    await admin.call('smtp.update', microsoftSettings(scene));
    const ids = await employees('midrevoke', 12);
    const tokensBefore = scene.oauth.tokenRequests.microsoft;
    const accepted = scene.microsoftSmtp.mails.length;
    scene.microsoftSmtp.afterMail = (count) => {
      if (count !== accepted + 4) return;
      scene.msApp.disabled = true;
      scene.oauth.advance(2 * 3_600_000);
      scene.microsoftSmtp.endExpiredSessions();
    };
    const status = await runJob(ids);
    scene.microsoftSmtp.afterMail = null;
    expect(status.sent + status.failed).toBe(12);
    expect(status.sent).toBeGreaterThanOrEqual(4);
    expect(status.failed).toBeGreaterThan(0);
    for (const row of status.rows) {
      const received = scene.microsoftSmtp.mails.filter((m) => m.to === row.address).length;
      expect(received, row.address).toBe(row.state === 'sent' ? 1 : 0);
      if (row.state === 'failed') {
        expect(row.note).toContain('アクセストークンを取得できませんでした（Microsoft 365）。このアプリは無効化されています');
        expect(await admin.call('employees.get', { id: row.employeeId! })).toMatchObject({ password: 'unissued', verification: 'none' });
      }
    }
    // the first token, and one renewal the provider refused: the refusal is remembered for the other rows
    expect(scene.oauth.tokenRequests.microsoft - tokensBefore).toBe(2);
  });

  it('a revoked client: 「テスト送信」 says so, a bulk job fails every row with the same words before any is claimed, nothing changes', async () => {
    await admin.call('smtp.update', microsoftSettings(scene));
    const ids = await employees('revoked', 5);
    scene.msApp.disabled = true;
    expect(await failure('x@example.co.jp')).toContain('［アクセストークンの取得］で失敗しました。このアプリは無効化されています');
    const mailsBefore = scene.microsoftSmtp.mails.length;
    const status = await runJob(ids);
    expect(status).toMatchObject({ total: 5, sent: 0, failed: 5 });
    for (const row of status.rows) expect(row.note).toBe('アクセストークンを取得できませんでした（Microsoft 365）。このアプリは無効化されています（または削除されました）。Microsoft Entra 管理センターの「エンタープライズ アプリケーション」でアプリの状態を確認してください。');
    expect(scene.microsoftSmtp.mails.length).toBe(mailsBefore);
    for (const id of ids) expect(await admin.call('employees.get', { id })).toMatchObject({ password: 'unissued', verification: 'none' });
  });
});

describe('secrets stay sealed', () => {
  it('the client secret, the certificate\'s key and the service account key appear in no log line, no 操作ログ, no database or backup in plain text, no screen', async () => {
    await admin.call('smtp.update', microsoftSettings(scene));
    await admin.call('smtp.update', microsoftSettings(scene, { msCredential: 'certificate', clientSecret: null, certificate: { kind: 'pem', certPem: scene.certificate.certPem, keyPem: scene.certificate.keyPem } }));
    await admin.call('smtp.update', googleSettings(scene));
    await testSend('sealed@example.co.jp');
    await admin.call('backup.create', undefined);
    const keyBody = scene.certificate.keyPem.split('\n')[1]!;
    const googleKeyBody = (JSON.parse(scene.google.keyJson) as { private_key: string }).private_key.split('\n')[1]!;
    const secrets = [SECRET, keyBody, googleKeyBody];
    const files = [
      ...readdirSync(dataDir.dir).filter((f) => f.includes('sqlite')).map((f) => path.join(dataDir.dir, f)),
      ...readdirSync(path.join(dataDir.dir, 'backups')).map((f) => path.join(dataDir.dir, 'backups', f)),
    ];
    const audit = JSON.stringify(await admin.call('audit.list', { from: null, to: null, action: null, employee: null, page: 1, pageSize: 500 }));
    const view = JSON.stringify(await admin.call('smtp.get', undefined));
    for (const secret of secrets) {
      for (const f of files) expect(readFileSync(f).includes(secret), f).toBe(false);
      expect(server.stdout() + server.stderr()).not.toContain(secret);
      expect(audit).not.toContain(secret);
      expect(view).not.toContain(secret);
    }
    expect(audit).toContain('メール送信 127.0.0.1');
    expect(audit).toContain('OAuth 2.0（Google Workspace）');
  });
});
