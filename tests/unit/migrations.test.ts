import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseFromFutureError, migrate, migrateTo } from '../../db/database';
import { LATEST_VERSION, migrations } from '../../db/migrations';
import { readSmtpOAuth, readSmtpSettings } from '../../db/queries/settings';

describe('migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('run from zero on :memory: and leave user_version at the latest', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT notify_method, verification_days FROM settings').get()).toEqual({
      notify_method: 'pdf', verification_days: 7,
    });
  });

  it('are idempotent: a second run changes nothing', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db);
    migrate(db);
    expect(db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 1 });
  });

  it('refuse a database from a newer version and leave it untouched', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(DatabaseFromFutureError);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
  });

  it('roll back entirely when a migration fails half-way', () => {
    const db = new BetterSqlite3(':memory:');
    db.exec('CREATE TABLE employees (id INTEGER)'); // makes 001 fail after creating settings
    expect(() => migrate(db)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'settings'").get()).toEqual({ n: 0 });
  });

  it('009 (OAuth 2.0 for mail): an installation of version 8 keeps its SMTP settings and the password method', () => {
    const db = new BetterSqlite3(':memory:');
    migrateTo(db, 8);
    db.prepare(`UPDATE settings SET smtp_host = 'smtp.office365.com', smtp_port = 587, smtp_security = 'starttls', smtp_user = 'soumu@example.co.jp',
      smtp_password_sealed = 'v1.iv.tag.body', smtp_from_address = 'soumu@example.co.jp', smtp_rate_per_minute = 30 WHERE id = 1`).run();
    migrate(db);
    expect(readSmtpSettings(db)).toMatchObject({
      host: 'smtp.office365.com', port: 587, security: 'starttls', user: 'soumu@example.co.jp', passwordSealed: 'v1.iv.tag.body', ratePerMinute: 30,
    });
    expect(readSmtpOAuth(db)).toEqual({
      authMethod: 'password', oauthUser: '', msTenantId: '', msClientId: '', msCredential: 'secret', msSecretSealed: '', msSecretExpiresOn: '',
      msCertPem: '', msKeySealed: '', googleKeySealed: '', googleClientEmail: '', googleClientId: '',
    });
    expect(() => db.prepare("UPDATE settings SET smtp_auth_method = 'imap' WHERE id = 1").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE settings SET smtp_ms_credential = 'password' WHERE id = 1").run()).toThrow(/CHECK/);
  });
});
