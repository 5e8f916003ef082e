/**
 * The token step for Google Workspace: google-auth-library's JWT client (a service account key,
 * `subject` the user it acts as under domain-wide delegation, the JWT-bearer grant of RFC 7523).
 *
 * The library knows only Google's public token endpoint (it is fixed in its source, as the
 * assertion's audience too). To send the request elsewhere (another endpoint, the tests' own
 * authorization server on loopback) the client's own HTTP transporter gets a request interceptor,
 * gaxios' documented hook: the assertion, its signature and its audience stay what the library
 * makes for Google. Without a configured endpoint nothing is intercepted.
 * The library is loaded at the first token request, not at every start of the app.
 */
import type { FetchedToken } from './token-cache';
import { DEFAULT_OAUTH_ENDPOINTS, GOOGLE_MAIL_SCOPE, type OAuthCredentials } from './oauth-types';

type GoogleOAuth = Extract<OAuthCredentials, { provider: 'google' }>;

export function googleTokenFetcher(c: GoogleOAuth, tokenUrl: string): () => Promise<FetchedToken> {
  return async () => {
    const { JWT } = await import('google-auth-library');
    // a client per fetch: the library's own token cache would answer a renewal with the refused token
    const client = new JWT({ email: c.key.clientEmail, key: c.key.privateKey, keyId: c.key.privateKeyId, scopes: [GOOGLE_MAIL_SCOPE], subject: c.user });
    if (tokenUrl !== DEFAULT_OAUTH_ENDPOINTS.googleTokenUrl) {
      client.transporter.interceptors.request.add({
        resolved: async (options) => {
          if (String(options.url) === DEFAULT_OAUTH_ENDPOINTS.googleTokenUrl) options.url = new URL(tokenUrl);
          return options;
        },
      });
    }
    const credentials = await client.authorize();
    if (!credentials.access_token) throw new Error('no access token in the answer');
    const expiry = credentials.expiry_date ?? Date.now() + 3_600_000;
    return { accessToken: credentials.access_token, expiresInSeconds: Math.max(0, Math.round((expiry - Date.now()) / 1000)) };
  };
}
