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
