import type { MethodInput, SmtpSettingsView } from '../../../preload/contract';
import { bytesToBase64 } from '../../ui/base64';
import type { SmtpAuthMethod, SmtpSecurity } from './smtp-presets';

/** What the form holds: numbers as typed, so the server's message for a bad one is shown. */
export interface SmtpFormValues {
  host: string;
  port: string;
  security: SmtpSecurity;
  authMethod: SmtpAuthMethod;
  user: string;
  password: string;
  /** remove the stored password (sent as '') */
  removePassword: boolean;
  fromAddress: string;
  fromName: string;
  ratePerMinute: string;
  /** OAuth 2.0: the mailbox logged in as */
  oauthUser: string;
  tenantId: string;
  clientId: string;
  msCredential: 'secret' | 'certificate';
  /** a new client secret (the stored one is never sent to the screen) */
  clientSecret: string;
  secretExpiresOn: string;
  certKind: 'pem' | 'pfx';
  pfxPassphrase: string;
}

/** Files chosen for OAuth 2.0's credentials: read only when saving. */
export interface SmtpFormFiles { cert?: File; key?: File; pfx?: File; serviceAccountKey?: File }

export type SmtpTextField = 'host' | 'port' | 'user' | 'password' | 'fromAddress' | 'fromName' | 'ratePerMinute'
  | 'oauthUser' | 'tenantId' | 'clientId' | 'clientSecret' | 'secretExpiresOn' | 'pfxPassphrase';

export const valuesFromView = (v: SmtpSettingsView): SmtpFormValues => ({
  host: v.host, port: String(v.port), security: v.security, authMethod: v.authMethod, user: v.user, password: '', removePassword: false,
  fromAddress: v.fromAddress, fromName: v.fromName, ratePerMinute: String(v.ratePerMinute),
  oauthUser: v.oauth.user, tenantId: v.oauth.tenantId, clientId: v.oauth.clientId, msCredential: v.oauth.credential,
  clientSecret: '', secretExpiresOn: v.oauth.secretExpiresOn, certKind: 'pem', pfxPassphrase: '',
});

const toNumber = (s: string) => (s.trim() === '' ? Number.NaN : Number(s.trim()));

/**
 * An empty password keeps the stored one (null); '' removes it; anything typed replaces it.
 * OAuth 2.0's secrets likewise: nothing typed or chosen keeps what is stored.
 */
export async function toSmtpInput(v: SmtpFormValues, passwordSet: boolean, files: SmtpFormFiles): Promise<MethodInput<'smtp.update'>> {
  const password = v.password !== '' ? v.password : passwordSet && !v.removePassword ? null : '';
  return {
    host: v.host, port: toNumber(v.port), security: v.security, user: v.user, password,
    fromAddress: v.fromAddress, fromName: v.fromName, ratePerMinute: toNumber(v.ratePerMinute),
    authMethod: v.authMethod, oauthUser: v.oauthUser, tenantId: v.tenantId, clientId: v.clientId, msCredential: v.msCredential,
    clientSecret: v.clientSecret === '' ? null : v.clientSecret,
    secretExpiresOn: v.secretExpiresOn,
    certificate: await certificateOf(v, files),
    serviceAccountKey: files.serviceAccountKey ? await files.serviceAccountKey.text() : null,
  };
}

async function certificateOf(v: SmtpFormValues, files: SmtpFormFiles): Promise<MethodInput<'smtp.update'>['certificate']> {
  if (v.certKind === 'pfx') {
    return files.pfx ? { kind: 'pfx', pfxBase64: bytesToBase64(new Uint8Array(await files.pfx.arrayBuffer())), passphrase: v.pfxPassphrase } : null;
  }
  if (!files.cert && !files.key) return null;
  // one of the pair missing: sent as it is, so the server names the problem by the field
  return { kind: 'pem', certPem: (await files.cert?.text()) ?? '', keyPem: (await files.key?.text()) ?? '' };
}

/** The server's field errors by the form's fields (a certificate's parts are the certificate's). */
export function fieldErrorOf(fieldErrors: Record<string, string> | undefined, key: string): string | undefined {
  if (!fieldErrors) return undefined;
  return fieldErrors[key] ?? Object.entries(fieldErrors).find(([k]) => k.startsWith(`${key}.`))?.[1];
}
