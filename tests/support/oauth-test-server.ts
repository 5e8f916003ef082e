/**
 * A real OAuth 2.0 authorization server on loopback (HTTPS, the test CA's certificate) playing
 * both providers the product talks to, as far as the product sees them:
 * - Microsoft Entra ID: `/{tenant}/v2.0/.well-known/openid-configuration` and the client-credentials
 *   grant at `/{tenant}/oauth2/v2.0/token`, the client authenticated by a secret or by a client
 *   assertion (private_key_jwt) whose signature is checked against the certificates registered on
 *   the app; errors carry Entra's AADSTS codes and texts.
 * - Google: the JWT-bearer grant (RFC 7523) at `/google/token`, the assertion signed with a
 *   service account's key, `sub` the user the account acts as under domain-wide delegation.
 * Access tokens are JWTs signed with the server's own RSA key (published as a JWKS), carrying what
 * the SMTP servers check: audience, expiry, and (Microsoft) the roles consented to the app.
 * The clock of its access tokens (and of the SMTP servers checking them) can be moved forward, to
 * expire tokens the product still believes valid; client assertions and secrets are checked in real time.
 */
import { createPublicKey, createHash, generateKeyPairSync, randomUUID, X509Certificate, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createLocalJWKSet, decodeProtectedHeader, exportJWK, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { TestCa } from './test-ca';

export const EXCHANGE_AUDIENCE = 'https://outlook.office365.com';
export const EXCHANGE_SCOPE = 'https://outlook.office365.com/.default';
export const GOOGLE_MAIL_SCOPE = 'https://mail.google.com/';
/** what google-auth-library puts in `aud` of its assertion (Google's token endpoint, whatever answers it) */
export const GOOGLE_TOKEN_AUDIENCE = 'https://oauth2.googleapis.com/token';

export interface MicrosoftApp {
  tenantId: string;
  clientId: string;
  /** the app's service principal in the tenant (what Exchange's mailbox permissions name) */
  servicePrincipalId: string;
  secrets: { value: string; expiresAt?: number }[];
  /** certificates uploaded to 「証明書とシークレット」 (public parts) */
  certificates: string[];
  /** admin consent for Office 365 Exchange Online › SMTP.SendAsApp */
  consented: boolean;
  disabled?: boolean;
  /** a Conditional Access policy blocks the app (an answer the product has no words of its own for) */
  blockedByPolicy?: boolean;
}

export interface GoogleServiceAccount {
  clientEmail: string;
  clientId: string;
  keyId: string;
  publicKey: KeyObject;
  /** the key was deleted or disabled in the Cloud console */
  keyRevoked?: boolean;
  disabled?: boolean;
  /** scopes allowed in the Admin console's domain-wide delegation */
  delegatedScopes: string[];
}

export interface IssuedToken { provider: 'microsoft' | 'google'; payload: JWTPayload; accessToken: string }

export interface TestAuthorizationServer {
  url: string;
  /** the Microsoft login host to configure (`--microsoft-login-url`) */
  microsoftLoginUrl: string;
  /** the Google token endpoint to configure (`--google-token-url`) */
  googleTokenUrl: string;
  tenants: Set<string>;
  microsoftApps: MicrosoftApp[];
  googleAccounts: GoogleServiceAccount[];
  googleUsers: Set<string>;
  tokenLifetimeSeconds: number;
  /** requests answered at each token endpoint (refused ones included) */
  tokenRequests: { microsoft: number; google: number };
  issued: IssuedToken[];
  /** the access tokens' clock (ms): real time plus what the test moved it forward */
  now(): number;
  advance(ms: number): void;
  /** checks an access token as a resource server does: signature (this server's key), audience, expiry by this server's clock */
  verifyAccessToken(token: string, audience: string): Promise<JWTPayload>;
  close(): Promise<void>;
}

const aadError = (status: number, error: string, code: number, text: string) => ({
  status,
  body: {
    error, error_codes: [code], timestamp: new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z',
    trace_id: randomUUID(), correlation_id: randomUUID(),
    error_description: `AADSTS${code}: ${text} Trace ID: ${randomUUID()} Correlation ID: ${randomUUID()} Timestamp: ${new Date().toISOString()}`,
  },
});

const sha256Thumbprint = (certPem: string) => createHash('sha256').update(new X509Certificate(certPem).raw).digest('base64url');

export async function startTestAuthorizationServer(ca: TestCa): Promise<TestAuthorizationServer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] };
  const keySet = createLocalJWKSet(jwks);
  let offset = 0;
  const state: Omit<TestAuthorizationServer, 'url' | 'microsoftLoginUrl' | 'googleTokenUrl' | 'close' | 'now' | 'advance' | 'verifyAccessToken'> = {
    tenants: new Set(), microsoftApps: [], googleAccounts: [], googleUsers: new Set(), tokenLifetimeSeconds: 3600,
    tokenRequests: { microsoft: 0, google: 0 }, issued: [],
  };
  const now = () => Date.now() + offset;
  const nowSeconds = () => Math.floor(now() / 1000);
  let base = '';

  const sign = (payload: JWTPayload) => new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setIssuedAt(nowSeconds()).setNotBefore(nowSeconds()).setExpirationTime(nowSeconds() + state.tokenLifetimeSeconds).sign(privateKey);

  const app = express();
  app.use(express.urlencoded({ extended: false }));

  app.get('/jwks', (_req, res) => void res.json(jwks));
  // for a benchmark in another process: the baseline sends with the very token the product got
  app.get('/test/issued', (_req, res) => void res.json({ count: state.issued.length, tokenRequests: state.tokenRequests, last: state.issued.at(-1)?.accessToken ?? null }));

  // ---- Microsoft Entra ID ----
  const tokenEndpoint = (tenant: string) => `${base}/${tenant}/oauth2/v2.0/token`;
  app.get('/:tenant/v2.0/.well-known/openid-configuration', (req, res) => {
    const tenant = req.params.tenant;
    if (!state.tenants.has(tenant)) {
      const e = aadError(400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
      return void res.status(e.status).json(e.body);
    }
    res.json({
      token_endpoint: tokenEndpoint(tenant),
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/jwks`,
      issuer: `${base}/${tenant}/v2.0`,
      authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${base}/${tenant}/oauth2/v2.0/logout`,
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      tenant_region_scope: 'AS',
    });
  });

  app.post('/:tenant/oauth2/v2.0/token', async (req, res) => {
    state.tokenRequests.microsoft++;
    const tenant = req.params.tenant;
    const body = req.body as Record<string, string | undefined>;
    const answer = (e: ReturnType<typeof aadError>) => void res.status(e.status).json(e.body);
    if (!state.tenants.has(tenant)) return answer(aadError(400, 'invalid_request', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`));
    if (body.grant_type !== 'client_credentials') return answer(aadError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.'));
    if (!body.scope?.split(' ').includes(EXCHANGE_SCOPE)) return answer(aadError(400, 'invalid_scope', 1002012, `The provided value for scope ${body.scope ?? ''} is not valid.`));
    const registered = state.microsoftApps.find((a) => a.tenantId === tenant && a.clientId === body.client_id);
    if (!registered) {
      return answer(aadError(400, 'unauthorized_client', 700016, `Application with identifier '${body.client_id ?? ''}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`));
    }
    if (registered.disabled) return answer(aadError(400, 'unauthorized_client', 7000112, `Application '${registered.clientId}'(Focus U) is disabled.`));
    if (registered.blockedByPolicy) return answer(aadError(400, 'access_denied', 53003, 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.'));
    if (body.client_secret !== undefined) {
      const match = registered.secrets.find((s) => s.value === body.client_secret);
      if (!match) return answer(aadError(401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${registered.clientId}'.`));
      if (match.expiresAt !== undefined && match.expiresAt <= Date.now()) return answer(aadError(401, 'invalid_client', 7000222, `The provided client secret keys for app '${registered.clientId}' are expired. Visit the Azure portal to create new keys for your app or consider using certificate credentials for added security.`));
    } else if (body.client_assertion_type === 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' && body.client_assertion) {
      const refused = await checkClientAssertion(body.client_assertion, registered, tokenEndpoint(tenant), Date.now());
      if (refused) return answer(aadError(401, 'invalid_client', 700027, refused));
    } else {
      return answer(aadError(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."));
    }
    const payload: JWTPayload = {
      aud: EXCHANGE_AUDIENCE, iss: `https://sts.windows.net/${tenant}/`, appid: registered.clientId, tid: tenant,
      oid: registered.servicePrincipalId, sub: registered.servicePrincipalId, idtyp: 'app',
      // without admin consent Entra still issues a token, with no roles in it; Exchange refuses it
      ...(registered.consented ? { roles: ['SMTP.SendAsApp'] } : {}),
    };
    const accessToken = await sign(payload);
    state.issued.push({ provider: 'microsoft', payload, accessToken });
    res.json({ token_type: 'Bearer', expires_in: state.tokenLifetimeSeconds, ext_expires_in: state.tokenLifetimeSeconds, access_token: accessToken });
  });

  // ---- Google ----
  app.post('/google/token', async (req, res) => {
    state.tokenRequests.google++;
    const body = req.body as Record<string, string | undefined>;
    const answer = (status: number, error: string, description: string) => void res.status(status).json({ error, error_description: description });
    if (body.grant_type !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' || !body.assertion) return answer(400, 'unsupported_grant_type', 'Invalid grant_type: ');
    let header: ReturnType<typeof decodeProtectedHeader>;
    let claims: JWTPayload;
    try {
      header = decodeProtectedHeader(body.assertion);
      claims = JSON.parse(Buffer.from(body.assertion.split('.')[1]!, 'base64url').toString()) as JWTPayload;
    } catch {
      return answer(400, 'invalid_request', 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.');
    }
    const account = state.googleAccounts.find((a) => a.clientEmail === claims.iss);
    if (!account) return answer(400, 'invalid_grant', 'Invalid grant: account not found');
    if (account.disabled) return answer(400, 'disabled_client', 'The OAuth client was disabled.');
    if (account.keyRevoked || header.kid !== undefined && header.kid !== account.keyId) return answer(400, 'invalid_grant', 'Invalid JWT Signature.');
    try {
      await jwtVerify(body.assertion, account.publicKey, { audience: GOOGLE_TOKEN_AUDIENCE, issuer: account.clientEmail, algorithms: ['RS256'], clockTolerance: 300 });
    } catch {
      return answer(400, 'invalid_grant', 'Invalid JWT Signature.');
    }
    const scopes = String(claims.scope ?? '').split(' ');
    if (!claims.sub) return answer(400, 'invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
    if (!scopes.every((s) => account.delegatedScopes.includes(s))) {
      return answer(401, 'unauthorized_client', 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.');
    }
    if (!state.googleUsers.has(String(claims.sub))) return answer(400, 'invalid_grant', 'Invalid email or User ID');
    const payload: JWTPayload = { aud: GOOGLE_MAIL_SCOPE, iss: 'https://accounts.google.com', sub: String(claims.sub), azp: account.clientId, scope: scopes.join(' ') };
    const accessToken = await sign(payload);
    state.issued.push({ provider: 'google', payload, accessToken });
    res.json({ access_token: accessToken, expires_in: state.tokenLifetimeSeconds, token_type: 'Bearer' });
  });

  const server: Server = createServer({ cert: ca.certPem, key: ca.keyPem }, app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    url: base,
    microsoftLoginUrl: base,
    googleTokenUrl: `${base}/google/token`,
    now,
    advance: (ms: number) => void (offset += ms),
    async verifyAccessToken(token: string, audience: string) {
      const { payload } = await jwtVerify(token, keySet, { audience, algorithms: ['RS256'], currentDate: new Date(now()) });
      return payload;
    },
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  });
}

/**
 * private_key_jwt as Entra checks it: the certificate named by the header's thumbprint must be
 * registered on the app, the signature must verify with its key, the audience must be this token
 * endpoint, issuer and subject the client, and the assertion unexpired. A refusal's AADSTS700027 text.
 */
async function checkClientAssertion(assertion: string, app: MicrosoftApp, audience: string, now: number): Promise<string | null> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    return 'Client assertion failed signature validation.';
  }
  const thumbprint = (header['x5t#S256'] as string | undefined) ?? header.x5t;
  const cert = app.certificates.find((c) => sha256Thumbprint(c) === thumbprint
    || createHash('sha1').update(new X509Certificate(c).raw).digest('base64url') === thumbprint);
  if (!cert) {
    return `Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprint ?? ''}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${app.clientId}'.]`;
  }
  try {
    await jwtVerify(assertion, createPublicKey(cert), {
      audience, issuer: app.clientId, subject: app.clientId, algorithms: ['PS256', 'RS256'], currentDate: new Date(now), clockTolerance: 300,
    });
  } catch (e) {
    return `Client assertion failed signature validation. [Reason - ${(e as Error).message}]`;
  }
  return null;
}

/** A service account and its key file as the Cloud console's 「鍵を追加」 downloads it. */
export function makeServiceAccount(clientEmail: string, projectId = 'focus-u-mail'): { account: GoogleServiceAccount; keyJson: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyId = createHash('sha1').update(randomUUID()).digest('hex');
  const clientId = String(100000000000000000000n + BigInt(Math.floor(Math.random() * 1e15)));
  const keyJson = JSON.stringify({
    type: 'service_account', project_id: projectId, private_key_id: keyId,
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), client_email: clientEmail, client_id: clientId,
    auth_uri: 'https://accounts.google.com/o/oauth2/auth', token_uri: 'https://oauth2.googleapis.com/token',
    auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
    client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(clientEmail)}`, universe_domain: 'googleapis.com',
  }, null, 2);
  return { account: { clientEmail, clientId, keyId, publicKey, delegatedScopes: [] }, keyJson };
}
