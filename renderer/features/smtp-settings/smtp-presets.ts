import type { SmtpSettingsView } from '../../../preload/contract';

export type SmtpSecurity = SmtpSettingsView['security'];
export type PresetKey = 'microsoft365' | 'google' | 'inHouse';

export interface SmtpPreset {
  key: PresetKey;
  /** null: the office's own server, whose name only the administrator knows */
  host: string | null;
  port: number;
  security: SmtpSecurity;
}

/** 「かんたん設定」: fills only the server, the port and the encryption. */
export const SMTP_PRESETS: readonly SmtpPreset[] = [
  { key: 'microsoft365', host: 'smtp.office365.com', port: 587, security: 'starttls' },
  { key: 'google', host: 'smtp.gmail.com', port: 587, security: 'starttls' },
  { key: 'inHouse', host: null, port: 25, security: 'none' },
];

const PRESET_HOSTS = new Set(SMTP_PRESETS.flatMap((p) => (p.host ? [p.host] : [])));

/** The host after choosing `preset`: a provider's server, or (社内) the typed one but never a provider's. */
export function presetHost(preset: SmtpPreset, currentHost: string): string {
  if (preset.host) return preset.host;
  return PRESET_HOSTS.has(currentHost.trim()) ? '' : currentHost;
}

export const SMTP_SECURITIES: readonly SmtpSecurity[] = ['none', 'starttls', 'tls'];
