import { stmt } from '../statement-cache';
import type { Database } from 'better-sqlite3';
import type { NotifyMethod } from '../../preload/domain-types';

export type SmtpSecurity = 'none' | 'starttls' | 'tls';

export interface SmtpRow {
  host: string; port: number; security: SmtpSecurity; user: string; passwordSealed: string;
  fromAddress: string; fromName: string; ratePerMinute: number;
}

export function readSmtpSettings(db: Database): SmtpRow {
  return stmt(db, `SELECT smtp_host AS host, smtp_port AS port, smtp_security AS security, smtp_user AS user,
    smtp_password_sealed AS passwordSealed, smtp_from_address AS fromAddress, smtp_from_name AS fromName,
    smtp_rate_per_minute AS ratePerMinute FROM settings WHERE id = 1`).get() as SmtpRow;
}

export function writeSmtpSettings(db: Database, s: SmtpRow): void {
  forgetSettings(db);
  stmt(db, `UPDATE settings SET smtp_host = @host, smtp_port = @port, smtp_security = @security, smtp_user = @user,
    smtp_password_sealed = @passwordSealed, smtp_from_address = @fromAddress, smtp_from_name = @fromName,
    smtp_rate_per_minute = @ratePerMinute WHERE id = 1`).run(s);
}

export interface SettingsRow {
  companyName: string;
  notifyMethod: NotifyMethod;
  verificationDays: number;
  requirePasswordChange: boolean;
  portalHost: string;
  portalPort: number;
  portalBaseUrl: string;
  setupCompletedAt: number | null;
}

interface RawSettings {
  company_name: string; notify_method: NotifyMethod; verification_days: number; require_password_change: number;
  portal_host: string; portal_port: number; portal_base_url: string; setup_completed_at: number | null;
}

/**
 * The settings as last committed, kept per connection: every LAN request reads the 法人名 and the
 * portal's names several times. Every write in this module forgets them, and so does a restore
 * (forgetSettings); a read inside a transaction goes to the database (the transaction may yet be
 * rolled back).
 */
const cache = new WeakMap<Database, SettingsRow>();

export function forgetSettings(db: Database): void {
  cache.delete(db);
}

export function readSettings(db: Database): SettingsRow {
  if (db.inTransaction) return readSettingsNow(db);
  let s = cache.get(db);
  if (!s) cache.set(db, (s = readSettingsNow(db)));
  return { ...s };
}

function readSettingsNow(db: Database): SettingsRow {
  const r = stmt(db, 'SELECT * FROM settings WHERE id = 1').get() as RawSettings;
  return {
    companyName: r.company_name,
    notifyMethod: r.notify_method,
    verificationDays: r.verification_days,
    requirePasswordChange: r.require_password_change === 1,
    portalHost: r.portal_host,
    portalPort: r.portal_port,
    portalBaseUrl: r.portal_base_url,
    setupCompletedAt: r.setup_completed_at,
  };
}

export function writeAccountSettings(
  db: Database, s: { notifyMethod: NotifyMethod; verificationDays: number; requirePasswordChange: boolean },
): void {
  forgetSettings(db);
  stmt(db, 
    'UPDATE settings SET notify_method = ?, verification_days = ?, require_password_change = ? WHERE id = 1',
  ).run(s.notifyMethod, s.verificationDays, s.requirePasswordChange ? 1 : 0);
}

export function writeCompanyName(db: Database, companyName: string): void {
  forgetSettings(db);
  stmt(db, 'UPDATE settings SET company_name = ? WHERE id = 1').run(companyName);
}

export function writePortalSettings(db: Database, s: { listenHost: string; port: number; baseUrl: string }): void {
  forgetSettings(db);
  stmt(db, 'UPDATE settings SET portal_host = ?, portal_port = ?, portal_base_url = ? WHERE id = 1')
    .run(s.listenHost, s.port, s.baseUrl);
}

export function markSetupCompleted(db: Database, at: number): void {
  forgetSettings(db);
  stmt(db, 'UPDATE settings SET setup_completed_at = ? WHERE id = 1').run(at);
}

export type PortalTlsMode = 'none' | 'pem' | 'pfx';

export function readPortalTls(db: Database): { mode: PortalTlsMode; passphraseSealed: string } {
  return stmt(db, 'SELECT portal_tls AS mode, portal_tls_passphrase_sealed AS passphraseSealed FROM settings WHERE id = 1').get() as
    { mode: PortalTlsMode; passphraseSealed: string };
}

export function writePortalTls(db: Database, mode: PortalTlsMode, passphraseSealed: string): void {
  forgetSettings(db);
  stmt(db, 'UPDATE settings SET portal_tls = ?, portal_tls_passphrase_sealed = ? WHERE id = 1').run(mode, passphraseSealed);
}

/** Every value sealed with the app's secret box (main/services/support/reseal-secrets.ts). */
export interface SealedSecrets {
  smtpPassword: string; tlsPassphrase: string; msSecret: string; msKey: string; googleKey: string; bouncePassword: string;
}

const SEALED_COLUMNS: Record<keyof SealedSecrets, string> = {
  smtpPassword: 'smtp_password_sealed', tlsPassphrase: 'portal_tls_passphrase_sealed', msSecret: 'smtp_ms_secret_sealed',
  msKey: 'smtp_ms_key_sealed', googleKey: 'smtp_google_key_sealed', bouncePassword: 'bounce_password_sealed',
};
const SELECT_SEALED = `SELECT ${Object.entries(SEALED_COLUMNS).map(([k, c]) => `${c} AS ${k}`).join(', ')} FROM settings WHERE id = 1`;
const UPDATE_SEALED = `UPDATE settings SET ${Object.entries(SEALED_COLUMNS).map(([k, c]) => `${c} = @${k}`).join(', ')} WHERE id = 1`;

export function readSealedSecrets(db: Database): SealedSecrets {
  return stmt(db, SELECT_SEALED).get() as SealedSecrets;
}

export function writeSealedSecrets(db: Database, s: SealedSecrets): void {
  stmt(db, UPDATE_SEALED).run(s);
}

export type SmtpAuthMethod = 'password' | 'microsoft365' | 'google';

/** 基本設定 › メール送信's OAuth 2.0 part (migration 009); secrets sealed. */
export interface SmtpOAuthRow {
  authMethod: SmtpAuthMethod;
  oauthUser: string;
  msTenantId: string;
  msClientId: string;
  msCredential: 'secret' | 'certificate';
  msSecretSealed: string;
  msSecretExpiresOn: string;
  msCertPem: string;
  msKeySealed: string;
  googleKeySealed: string;
  googleClientEmail: string;
  googleClientId: string;
}

export function readSmtpOAuth(db: Database): SmtpOAuthRow {
  return stmt(db, `SELECT smtp_auth_method AS authMethod, smtp_oauth_user AS oauthUser, smtp_ms_tenant_id AS msTenantId,
    smtp_ms_client_id AS msClientId, smtp_ms_credential AS msCredential, smtp_ms_secret_sealed AS msSecretSealed,
    smtp_ms_secret_expires_on AS msSecretExpiresOn, smtp_ms_cert_pem AS msCertPem, smtp_ms_key_sealed AS msKeySealed,
    smtp_google_key_sealed AS googleKeySealed, smtp_google_client_email AS googleClientEmail, smtp_google_client_id AS googleClientId
    FROM settings WHERE id = 1`).get() as SmtpOAuthRow;
}

/** The SMTP server and the OAuth part together: one statement, so a failed save changes neither. */
export function writeSmtpSettingsWithOAuth(db: Database, s: SmtpRow, o: SmtpOAuthRow): void {
  stmt(db, `UPDATE settings SET smtp_host = @host, smtp_port = @port, smtp_security = @security, smtp_user = @user,
    smtp_password_sealed = @passwordSealed, smtp_from_address = @fromAddress, smtp_from_name = @fromName,
    smtp_rate_per_minute = @ratePerMinute, smtp_auth_method = @authMethod, smtp_oauth_user = @oauthUser,
    smtp_ms_tenant_id = @msTenantId, smtp_ms_client_id = @msClientId, smtp_ms_credential = @msCredential,
    smtp_ms_secret_sealed = @msSecretSealed, smtp_ms_secret_expires_on = @msSecretExpiresOn, smtp_ms_cert_pem = @msCertPem,
    smtp_ms_key_sealed = @msKeySealed, smtp_google_key_sealed = @googleKeySealed, smtp_google_client_email = @googleClientEmail,
    smtp_google_client_id = @googleClientId WHERE id = 1`).run({ ...s, ...o });
}

/** 基本設定 › メール送信 › 送信エラーの確認 (migration 011): the mailbox where delivery reports arrive; its password sealed. */
export interface BounceSettingsRow {
  enabled: boolean;
  host: string;
  port: number;
  security: SmtpSecurity;
  authMethod: 'password' | 'oauth';
  user: string;
  passwordSealed: string;
  folder: string;
  moveTo: string;
}

export function readBounceSettings(db: Database): BounceSettingsRow {
  const r = stmt(db, `SELECT bounce_enabled AS enabled, bounce_host AS host, bounce_port AS port, bounce_security AS security,
    bounce_auth_method AS authMethod, bounce_user AS user, bounce_password_sealed AS passwordSealed, bounce_folder AS folder,
    bounce_move_to AS moveTo FROM settings WHERE id = 1`).get() as Omit<BounceSettingsRow, 'enabled'> & { enabled: number };
  return { ...r, enabled: r.enabled === 1 };
}

export function writeBounceSettings(db: Database, s: BounceSettingsRow): void {
  stmt(db, `UPDATE settings SET bounce_enabled = @enabled, bounce_host = @host, bounce_port = @port, bounce_security = @security,
    bounce_auth_method = @authMethod, bounce_user = @user, bounce_password_sealed = @passwordSealed, bounce_folder = @folder,
    bounce_move_to = @moveTo WHERE id = 1`).run({ ...s, enabled: s.enabled ? 1 : 0 });
}
