/**
 * 基本設定 › メール送信's OAuth 2.0 part between the screen and the database: what a save keeps
 * (secrets sealed, a certificate or key file checked first), what the screen may see (never a
 * secret: only that it is set), when a credential's expiry is worth a warning, and the
 * credentials opened for the token step.
 */
import type { z } from 'zod';
import type { CredentialExpiry, SmtpOAuthView } from '../../../../preload/contract';
import { ja } from '../../../../preload/i18n/ja';
import type { smtpSettingsSchema } from '../../../../preload/schemas';
import type { SmtpOAuthRow } from '../../../../db/queries/settings';
import { AppError } from '../../support/errors';
import type { SecretBox } from '../../support/secret-box';
import { describeOAuthCertificate, readOAuthCertificate } from './oauth-certificate';
import type { OAuthCredentials, ServiceAccountKey } from './oauth-types';
import { readServiceAccountKey } from './service-account-key';

type SmtpInput = z.output<typeof smtpSettingsSchema>;

/** The grid's header warns this many days before a credential expires. */
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * The row a save stores: each field as given, or as stored when left out; a new secret sealed, a
 * new certificate or key file checked. What the chosen method needs must be there (typed now or
 * stored before), else the fields are named.
 */
export function oauthRowToSave(old: SmtpOAuthRow, input: SmtpInput, secrets: SecretBox, now: number): SmtpOAuthRow {
  const row: SmtpOAuthRow = {
    ...old,
    authMethod: input.authMethod ?? old.authMethod,
    oauthUser: input.oauthUser ?? old.oauthUser,
    msTenantId: input.tenantId ?? old.msTenantId,
    msClientId: input.clientId ?? old.msClientId,
    msCredential: input.msCredential ?? old.msCredential,
    msSecretExpiresOn: input.secretExpiresOn ?? old.msSecretExpiresOn,
  };
  if (input.clientSecret) {
    row.msSecretSealed = secrets.seal(input.clientSecret);
    // a new secret has its own expiry: the old date must not linger unless a new one was given with it
    if (input.secretExpiresOn === undefined) row.msSecretExpiresOn = '';
  }
  if (input.certificate) {
    const cert = readOAuthCertificate(input.certificate, now);
    row.msCertPem = cert.certPem;
    row.msKeySealed = secrets.seal(cert.keyPem);
  }
  if (input.serviceAccountKey) {
    const key = readServiceAccountKey(input.serviceAccountKey);
    row.googleKeySealed = secrets.seal(JSON.stringify(key));
    row.googleClientEmail = key.clientEmail;
    row.googleClientId = key.clientId;
  }
  const missing = missingFields(row);
  if (Object.keys(missing).length > 0) throw new AppError('VALIDATION', [...new Set(Object.values(missing))].join('\n'), missing);
  return row;
}

function missingFields(row: SmtpOAuthRow): Record<string, string> {
  const required = ja.validation.required;
  const o = ja.oauth;
  const missing: Record<string, string> = {};
  if (row.authMethod === 'password') return missing;
  // the mailbox logged in as; it is also the From address when none is given
  if (!row.oauthUser) missing.oauthUser = required(o.user);
  if (row.authMethod === 'microsoft365') {
    if (!row.msTenantId) missing.tenantId = required(o.tenantId);
    if (!row.msClientId) missing.clientId = required(o.clientId);
    if (row.msCredential === 'secret' && !row.msSecretSealed) missing.clientSecret = o.secretMissing;
    if (row.msCredential === 'certificate' && !row.msCertPem) missing.certificate = o.certificateMissing;
  } else if (!row.googleKeySealed) {
    missing.serviceAccountKey = o.keyMissing;
  }
  return missing;
}

/** What the screen shows: the identifiers, and of the secrets only whether they are set. */
export function oauthView(row: SmtpOAuthRow): SmtpOAuthView {
  const cert = row.msCertPem ? describeOAuthCertificate(row.msCertPem) : null;
  return {
    user: row.oauthUser, tenantId: row.msTenantId, clientId: row.msClientId, credential: row.msCredential,
    secretSet: row.msSecretSealed !== '', secretExpiresOn: row.msSecretExpiresOn,
    certificate: cert ? { subject: cert.subject, validTo: localDate(cert.validTo) } : null,
    serviceAccount: row.googleKeySealed ? { clientEmail: row.googleClientEmail, clientId: row.googleClientId } : null,
  };
}

/**
 * The credential Microsoft 365 logs in with, when it expires within EXPIRY_WARNING_DAYS (or has
 * expired): the client secret's date as the administrator entered it (Entra shows it when the
 * secret is made; it cannot be read back), or the certificate's own notAfter.
 */
export function credentialExpiry(row: SmtpOAuthRow, now: number): CredentialExpiry | null {
  if (row.authMethod !== 'microsoft365') return null;
  let what: CredentialExpiry['what'];
  let at: number;
  if (row.msCredential === 'secret') {
    if (!row.msSecretSealed || !row.msSecretExpiresOn) return null;
    const [y, m, d] = row.msSecretExpiresOn.split('-').map(Number) as [number, number, number];
    what = 'secret';
    at = new Date(y, m - 1, d).getTime(); // the start of that day here: warn rather late than never
  } else {
    const cert = row.msCertPem ? describeOAuthCertificate(row.msCertPem) : null;
    if (!cert) return null;
    what = 'certificate';
    at = cert.validTo;
  }
  const daysLeft = Math.ceil((at - now) / DAY_MS);
  return daysLeft <= EXPIRY_WARNING_DAYS ? { what, date: localDate(at), daysLeft } : null;
}

/** The stored credentials opened for the token step; a secret the SecretBox cannot open is named as such. */
export function openCredentials(row: SmtpOAuthRow, secrets: SecretBox): OAuthCredentials {
  const open = (sealed: string) => {
    try {
      return secrets.open(sealed);
    } catch {
      throw new AppError('VALIDATION', ja.oauth.cannotOpen);
    }
  };
  if (row.authMethod === 'google') {
    return { provider: 'google', key: JSON.parse(open(row.googleKeySealed)) as ServiceAccountKey, user: row.oauthUser };
  }
  const credential = row.msCredential === 'secret'
    ? { kind: 'secret' as const, secret: open(row.msSecretSealed) }
    : { kind: 'certificate' as const, certPem: row.msCertPem, keyPem: open(row.msKeySealed), thumbprintSha256Hex: describeOAuthCertificate(row.msCertPem)?.thumbprintSha256Hex ?? '' };
  return { provider: 'microsoft365', tenantId: row.msTenantId, clientId: row.msClientId, credential, user: row.oauthUser };
}

/** YYYY-MM-DD in this PC's time zone (the office's). */
function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
