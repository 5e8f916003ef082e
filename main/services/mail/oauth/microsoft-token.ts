/**
 * The token step for Microsoft 365: Microsoft's own MSAL (ConfidentialClientApplication), the
 * client-credentials grant for Exchange Online, the client authenticated by a secret or by a
 * certificate (MSAL signs the client assertion, PS256 with the certificate's SHA-256 thumbprint).
 * MSAL's own cache is bypassed: TokenCache decides when a token is reused (with the app's clock)
 * and when a refused one is renewed. MSAL is loaded at the first token request (it takes a good
 * half second to load, which an installation on the password method should not pay at every start).
 */
import type { ConfidentialClientApplication } from '@azure/msal-node';
import type { FetchedToken } from './token-cache';
import { EXCHANGE_SMTP_SCOPE, type OAuthCredentials } from './oauth-types';

type MicrosoftOAuth = Extract<OAuthCredentials, { provider: 'microsoft365' }>;

export function microsoftTokenFetcher(c: MicrosoftOAuth, loginUrl: string): () => Promise<FetchedToken> {
  let client: Promise<ConfidentialClientApplication> | null = null;
  return async () => {
    client ??= createClient(c, loginUrl);
    const r = await (await client).acquireTokenByClientCredential({ scopes: [EXCHANGE_SMTP_SCOPE], skipCache: true });
    if (!r?.accessToken) throw new Error('no access token in the answer');
    const expiresOn = r.expiresOn?.getTime() ?? Date.now() + 3_600_000;
    // MSAL turned expires_in into a date with the system clock; back into a lifetime for TokenCache's clock
    return { accessToken: r.accessToken, expiresInSeconds: Math.max(0, Math.round((expiresOn - Date.now()) / 1000)) };
  };
}

async function createClient(c: MicrosoftOAuth, loginUrl: string): Promise<ConfidentialClientApplication> {
  const { ConfidentialClientApplication, LogLevel } = await import('@azure/msal-node');
  const login = new URL(loginUrl);
  return new ConfidentialClientApplication({
    auth: {
      clientId: c.clientId,
      authority: `${login.origin}/${encodeURIComponent(c.tenantId)}`,
      // the authority is taken as configured (its OpenID metadata is read from it), without asking
      // the public cloud's instance discovery about it: the same path for the public cloud and a stand-in
      knownAuthorities: [login.host],
      ...(c.credential.kind === 'secret'
        ? { clientSecret: c.credential.secret }
        : { clientCertificate: { thumbprintSha256: c.credential.thumbprintSha256Hex, privateKey: c.credential.keyPem } }),
    },
    // MSAL logs nothing of ours: no callback, no personal data
    system: { loggerOptions: { loggerCallback: () => {}, piiLoggingEnabled: false, logLevel: LogLevel.Error } },
  });
}
