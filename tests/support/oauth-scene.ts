/**
 * Everything an OAuth 2.0 mail test needs, real and on loopback: a test CA, the authorization
 * server playing Microsoft Entra ID and Google (one tenant with the app registered with a secret
 * and a certificate, one service account with domain-wide delegation), an SMTP server in
 * Exchange's manner and one in Gmail's, and the arguments and environment that point a headless
 * child at them (`--microsoft-login-url`, `--google-token-url`, NODE_EXTRA_CA_CERTS).
 */
import { randomUUID } from 'node:crypto';
import type { MethodInput } from '../../preload/contract';
import { startOAuthSmtpServer, type OAuthSmtpServer } from './oauth-smtp-server';
import { makeServiceAccount, startTestAuthorizationServer, type GoogleServiceAccount, type MicrosoftApp, type TestAuthorizationServer } from './oauth-test-server';
import { makeAppCertificate, makeTestCa, pfxOf, type TestCa } from './test-ca';
import { makeTempDir } from './temp-dir';

export const TENANT = '7f3c1a2b-4d5e-4f60-8a9b-0c1d2e3f4a5b';
export const CLIENT = '2b6e8f10-3c4d-4e5f-9a0b-1c2d3e4f5a6b';
export const SECRET = 'Xy8Q~focus-u-test-secret.value_2026';
export const MAILBOX = 'soumu@example.co.jp';
export const WORKSPACE_USER = 'soumu@example-ws.co.jp';
export const PFX_PASS = 'pfx pass 1';

export interface OAuthScene {
  ca: TestCa;
  oauth: TestAuthorizationServer;
  microsoftSmtp: OAuthSmtpServer;
  googleSmtp: OAuthSmtpServer;
  msApp: MicrosoftApp;
  /** registered on the app */
  certificate: { certPem: string; keyPem: string; pfxBase64: string; legacyPfxBase64: string };
  /** a well-formed certificate that was never uploaded to the app */
  strangerCertificate: { certPem: string; keyPem: string };
  google: { account: GoogleServiceAccount; keyJson: string };
  /** what a headless child needs to reach them */
  args: string[];
  env: NodeJS.ProcessEnv;
  dispose(): Promise<void>;
}

export async function startOAuthScene(): Promise<OAuthScene> {
  const tmp = makeTempDir('focusu-oauth-');
  const ca = makeTestCa(tmp.dir);
  const oauth = await startTestAuthorizationServer(ca);
  const cert = makeAppCertificate(tmp.dir, 'focus-u-mail');
  const stranger = makeAppCertificate(tmp.dir, 'stranger');
  const msApp: MicrosoftApp = {
    tenantId: TENANT, clientId: CLIENT, servicePrincipalId: randomUUID(), secrets: [{ value: SECRET }], certificates: [cert.certPem], consented: true,
  };
  oauth.tenants.add(TENANT);
  oauth.microsoftApps.push(msApp);
  const google = makeServiceAccount('focus-u-mailer@focus-u-mail.iam.gserviceaccount.com');
  google.account.delegatedScopes.push('https://mail.google.com/');
  oauth.googleAccounts.push(google.account);
  oauth.googleUsers.add(WORKSPACE_USER);
  const microsoftSmtp = await startOAuthSmtpServer('microsoft', ca, oauth);
  microsoftSmtp.mailboxAccess.set(MAILBOX, new Set([msApp.servicePrincipalId]));
  const googleSmtp = await startOAuthSmtpServer('google', ca, oauth);
  return {
    ca, oauth, microsoftSmtp, googleSmtp, msApp, google,
    certificate: {
      certPem: cert.certPem, keyPem: cert.keyPem,
      pfxBase64: pfxOf(tmp.dir, cert, PFX_PASS).toString('base64'), legacyPfxBase64: pfxOf(tmp.dir, cert, PFX_PASS, true).toString('base64'),
    },
    strangerCertificate: { certPem: stranger.certPem, keyPem: stranger.keyPem },
    args: ['--microsoft-login-url', oauth.microsoftLoginUrl, '--google-token-url', oauth.googleTokenUrl],
    env: { NODE_EXTRA_CA_CERTS: ca.caFile },
    async dispose() {
      await Promise.all([microsoftSmtp.close(), googleSmtp.close(), oauth.close()]);
      tmp.remove();
    },
  };
}

type SmtpInput = MethodInput<'smtp.update'>;

/** 基本設定 › メール送信 as filled for Microsoft 365 with the client secret, sending to the Exchange-like server. */
export function microsoftSettings(scene: OAuthScene, over: Partial<SmtpInput> = {}): SmtpInput {
  return {
    host: '127.0.0.1', port: scene.microsoftSmtp.port, security: 'starttls', user: '', password: null,
    fromAddress: MAILBOX, fromName: 'Focus U', ratePerMinute: 0,
    authMethod: 'microsoft365', oauthUser: MAILBOX, tenantId: TENANT, clientId: CLIENT, msCredential: 'secret',
    clientSecret: SECRET, secretExpiresOn: '', certificate: null, serviceAccountKey: null, ...over,
  };
}

/** As filled for Google Workspace with the service account's key, sending to the Gmail-like server. */
export function googleSettings(scene: OAuthScene, over: Partial<SmtpInput> = {}): SmtpInput {
  return {
    host: '127.0.0.1', port: scene.googleSmtp.port, security: 'starttls', user: '', password: null,
    fromAddress: WORKSPACE_USER, fromName: 'Focus U', ratePerMinute: 0,
    authMethod: 'google', oauthUser: WORKSPACE_USER, serviceAccountKey: scene.google.keyJson, ...over,
  };
}
