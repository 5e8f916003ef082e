import type { SmtpSettingsView } from '../../../preload/contract';

export type SmtpSecurity = SmtpSettingsView['security'];
export type SmtpAuthMethod = SmtpSettingsView['authMethod'];
export type PresetKey = 'microsoft365' | 'google' | 'inHouse';

export interface SmtpPreset {
  key: PresetKey;
  /** null: the office's own server, whose name only the administrator knows */
  host: string | null;
  port: number;
  security: SmtpSecurity;
  authMethod: SmtpAuthMethod;
  /** the service's own limit for 送信数の上限 (null: left as it is) */
  ratePerMinute: number | null;
}

/**
 * 「かんたん設定」: the server, the port, the encryption, how to log in and the pace.
 * - Microsoft 365: OAuth 2.0 (Basic authentication for SMTP AUTH is switched off by default from the
 *   end of 2026), and Exchange Online's limit of 30 messages a minute per mailbox.
 * - Google Workspace: OAuth 2.0 (otherwise only app passwords with 2-step verification). Google
 *   publishes a daily limit (2,000 messages a day per user), no per-minute one: 60 a minute spreads
 *   a large batch without bursts and stays well within a day's limit for an office.
 */
export const SMTP_PRESETS: readonly SmtpPreset[] = [
  { key: 'microsoft365', host: 'smtp.office365.com', port: 587, security: 'starttls', authMethod: 'microsoft365', ratePerMinute: 30 },
  { key: 'google', host: 'smtp.gmail.com', port: 587, security: 'starttls', authMethod: 'google', ratePerMinute: 60 },
  { key: 'inHouse', host: null, port: 25, security: 'none', authMethod: 'password', ratePerMinute: null },
];

const PRESET_HOSTS = new Set(SMTP_PRESETS.flatMap((p) => (p.host ? [p.host] : [])));

/** The host after choosing `preset`: a provider's server, or (社内) the typed one but never a provider's. */
export function presetHost(preset: SmtpPreset, currentHost: string): string {
  if (preset.host) return preset.host;
  return PRESET_HOSTS.has(currentHost.trim()) ? '' : currentHost;
}

export const SMTP_SECURITIES: readonly SmtpSecurity[] = ['none', 'starttls', 'tls'];
export const SMTP_AUTH_METHODS: readonly SmtpAuthMethod[] = ['password', 'microsoft365', 'google'];
