/**
 * The token step as the senders see it: the provider's client (MSAL or google-auth-library)
 * behind a TokenCache, every failure a TokenError that says what to fix, and a bound on how
 * long a token request may take.
 */
import type { Clock } from '../../support/clock';
import { ja } from '../../../../preload/i18n/ja';
import { googleTokenFetcher } from './google-token';
import { microsoftTokenFetcher } from './microsoft-token';
import type { OAuthCredentials, OAuthEndpoints } from './oauth-types';
import { TokenCache, type FetchedToken } from './token-cache';
import { explainGoogleError, explainMicrosoftError, networkReason, TokenError } from './token-errors';

/**
 * A token request (discovery and grant) that takes longer is given up with a clear message: MSAL
 * sets no timeout on its POST, and a proxy that swallows packets would hold 「テスト送信」 forever.
 * A token endpoint answers within a second or two; 30 s leaves room for a slow proxy and retries.
 */
export const TOKEN_TIMEOUT_MS = 30_000;

/** The role Exchange Online requires of an app that sends by SMTP AUTH (application permission). */
const SMTP_SEND_AS_APP = 'SMTP.SendAsApp';

export function createTokenProvider(c: OAuthCredentials, endpoints: OAuthEndpoints, clock: Clock, timeoutMs = TOKEN_TIMEOUT_MS): TokenCache {
  const fetchToken = c.provider === 'microsoft365' ? microsoftFetch(c, endpoints.microsoftLoginUrl) : googleFetch(c, endpoints.googleTokenUrl);
  const host = new URL(c.provider === 'microsoft365' ? endpoints.microsoftLoginUrl : endpoints.googleTokenUrl).host;
  return new TokenCache(() => withTimeout(fetchToken(), timeoutMs, host), clock, (e) => e instanceof TokenError && e.refusal);
}

function microsoftFetch(c: Extract<OAuthCredentials, { provider: 'microsoft365' }>, loginUrl: string): () => Promise<FetchedToken> {
  const fetchToken = microsoftTokenFetcher(c, loginUrl);
  return async () => {
    let token: FetchedToken;
    try {
      token = await fetchToken();
    } catch (e) {
      const code = (e as { errorCode?: string }).errorCode;
      // MSAL says only that it could not read the tenant's metadata: ask the same URL why
      if (code === 'endpoints_resolution_error' || code === 'network_error') throw await diagnoseAuthority(loginUrl, c.tenantId, e);
      throw explainMicrosoftError(e);
    }
    // Without admin consent Entra still issues a token, with no roles: Exchange would only answer
    // 535 5.7.3. Where the token can be read (a JWT today), say what is missing at this step.
    const roles = readRoles(token.accessToken);
    if (roles !== undefined && !roles.includes(SMTP_SEND_AS_APP)) throw new TokenError(ja.oauth.microsoft.consent, true);
    return token;
  };
}

function googleFetch(c: Extract<OAuthCredentials, { provider: 'google' }>, tokenUrl: string): () => Promise<FetchedToken> {
  const fetchToken = googleTokenFetcher(c, tokenUrl);
  const host = new URL(tokenUrl).host;
  return async () => {
    try {
      return await fetchToken();
    } catch (e) {
      throw explainGoogleError(e, c, host);
    }
  };
}

/**
 * The tenant's OpenID metadata, read once more to tell an unknown tenant (Entra answers with
 * AADSTS90002) from a network that does not reach the login host.
 */
async function diagnoseAuthority(loginUrl: string, tenantId: string, original: unknown): Promise<TokenError> {
  const url = `${new URL(loginUrl).origin}/${encodeURIComponent(tenantId)}/v2.0/.well-known/openid-configuration`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    if (res.ok) return explainMicrosoftError(original);
    const body = (await res.json().catch(() => ({}))) as { error_description?: string; error_codes?: number[] };
    return explainMicrosoftError({ errorNo: body.error_codes?.[0], errorMessage: body.error_description ?? `HTTP ${res.status}` });
  } catch (e) {
    return new TokenError(ja.oauth.network(new URL(loginUrl).host, networkReason(e)), false);
  }
}

/** The `roles` claim of a JWT access token; undefined when the token cannot be read (opaque or encrypted). */
export function readRoles(accessToken: string): string[] | undefined {
  const parts = accessToken.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as { roles?: unknown };
    return Array.isArray(payload.roles) ? payload.roles.map(String) : [];
  } catch {
    return undefined;
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, host: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TokenError(ja.oauth.noAnswer(host, ms / 1000), false)), ms);
  });
  return Promise.race([work, gaveUp]).finally(() => clearTimeout(timer));
}
