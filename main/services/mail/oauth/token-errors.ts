/**
 * What went wrong in the token step, in words an office administrator can act on: MSAL's
 * errors (Entra's AADSTS codes) and google-auth-library's (the OAuth error and its text) mapped
 * to the setting to fix. Anything not known is shown with the provider's own code and text.
 */
import { ja } from '../../../../preload/i18n/ja';
import type { OAuthCredentials } from './oauth-types';

/**
 * A failed token step. `refusal`: the provider answered no (a wrong secret, a revoked client) —
 * retrying will not help until the settings change; otherwise the network failed and it may.
 */
export class TokenError extends Error {
  constructor(readonly explanation: string, readonly refusal: boolean) {
    super(explanation);
    this.name = 'TokenError';
  }
}

const m = ja.oauth.microsoft;
const g = ja.oauth.google;

/** Entra's AADSTS numbers that say which setting is wrong. */
const MICROSOFT_CODES: Record<number, string> = {
  7000215: m.invalidSecret,
  7000222: m.secretExpired,
  700027: m.badCertificate,
  700023: m.badCertificate,
  700024: m.clockSkew,
  700016: m.unknownApp,
  70001: m.unknownApp,
  90002: m.unknownTenant,
  900023: m.unknownTenant,
  90072: m.unknownTenant,
  7000112: m.appDisabled,
  65001: m.consent,
  650052: m.consent,
  650056: m.consent,
  650057: m.consent,
  500011: m.noExchange,
};

interface MsalLikeError { errorCode?: string; errorMessage?: string; errorNo?: number | string; message?: string }
interface GaxiosLikeError { response?: { status?: number; data?: unknown }; code?: string | number; message?: string; cause?: unknown }

/** MSAL's server error: its AADSTS number and the sentence after it, without trace ids and timestamps. */
export function explainMicrosoftError(e: unknown): TokenError {
  const err = (e ?? {}) as MsalLikeError;
  const text = `${err.errorMessage ?? ''} ${err.message ?? ''}`;
  const code = Number(err.errorNo ?? /AADSTS(\d+)/.exec(text)?.[1] ?? Number.NaN);
  if (Number.isFinite(code)) {
    const known = MICROSOFT_CODES[code];
    if (known) return new TokenError(known, true);
    return new TokenError(m.other(providerSentence(text, `AADSTS${code}`)), true);
  }
  // not an answer of Entra's (MSAL's own error): the provider's code and text as they are
  return new TokenError(m.other(`${err.errorCode ?? ''} ${err.errorMessage ?? err.message ?? String(e)}`.replace(/\s+/g, ' ').trim().slice(0, 400)), false);
}

/** google-auth-library's error: the OAuth `error` and `error_description` of the answer, or the network's failure. */
export function explainGoogleError(e: unknown, c: Extract<OAuthCredentials, { provider: 'google' }>, host: string): TokenError {
  const err = (e ?? {}) as GaxiosLikeError;
  const data = err.response?.data as { error?: string; error_description?: string } | undefined;
  if (!data?.error) return new TokenError(ja.oauth.network(host, networkReason(e)), false);
  const description = data.error_description ?? '';
  const known = data.error === 'unauthorized_client' || data.error === 'access_denied' ? g.delegation(c.key.clientId)
    : data.error === 'disabled_client' ? g.disabled
    : /Invalid JWT Signature/i.test(description) ? g.invalidKey
    : /account not found/i.test(description) ? g.accountGone
    : /Invalid email or User ID/i.test(description) ? g.unknownUser(c.user)
    : /short-lived token|reasonable timeframe/i.test(description) ? g.clockSkew
    : null;
  return new TokenError(known ?? g.other(`${data.error}: ${description}`.trim()), true);
}

/**
 * The sentence of Entra's description that names the problem: from `AADSTSnnnn:` up to the trace
 * ids (which change at every request and help nobody in the office).
 */
function providerSentence(text: string, code: string): string {
  const at = text.indexOf(`${code}:`);
  const from = at >= 0 ? text.slice(at) : text;
  return from.split(/\s+Trace ID:/)[0]!.replace(/\s+/g, ' ').trim().slice(0, 400);
}

/** The network's failure in a few words: the system's code (ECONNREFUSED, ENOTFOUND, a certificate's) and its text. */
export function networkReason(e: unknown): string {
  let cur: unknown = e;
  // fetch wraps the socket's error as its cause ("fetch failed" says nothing)
  for (let depth = 0; depth < 4 && cur && typeof cur === 'object'; depth++) {
    const c = cur as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof c.code === 'string' && /^[A-Z_]+$/.test(c.code)) {
      const message = typeof c.message === 'string' ? c.message : '';
      return (message.includes(c.code) ? message : `${c.code} ${message}`.trim()).slice(0, 200);
    }
    if (!c.cause) return String(c.message ?? cur).slice(0, 200);
    cur = c.cause;
  }
  return String(cur).slice(0, 200);
}
