import type { MethodInput, SmtpSettingsView } from '../../../preload/contract';
import type { SmtpSecurity } from './smtp-presets';

/** What the form holds: numbers as typed, so the server's message for a bad one is shown. */
export interface SmtpFormValues {
  host: string;
  port: string;
  security: SmtpSecurity;
  user: string;
  password: string;
  /** remove the stored password (sent as '') */
  removePassword: boolean;
  fromAddress: string;
  fromName: string;
  ratePerMinute: string;
}

export type SmtpTextField = 'host' | 'port' | 'user' | 'password' | 'fromAddress' | 'fromName' | 'ratePerMinute';

export const valuesFromView = (v: SmtpSettingsView): SmtpFormValues => ({
  host: v.host, port: String(v.port), security: v.security, user: v.user, password: '', removePassword: false,
  fromAddress: v.fromAddress, fromName: v.fromName, ratePerMinute: String(v.ratePerMinute),
});

const toNumber = (s: string) => (s.trim() === '' ? Number.NaN : Number(s.trim()));

/** An empty password keeps the stored one (null); '' removes it; anything typed replaces it. */
export function toSmtpInput(v: SmtpFormValues, passwordSet: boolean): MethodInput<'smtp.update'> {
  const password = v.password !== '' ? v.password : passwordSet && !v.removePassword ? null : '';
  return {
    host: v.host, port: toNumber(v.port), security: v.security, user: v.user, password,
    fromAddress: v.fromAddress, fromName: v.fromName, ratePerMinute: toNumber(v.ratePerMinute),
  };
}
