import type { Database } from 'better-sqlite3';

/**
 * OAuth 2.0 (XOAUTH2) submission for Microsoft 365 and Google Workspace (issue "Mail that still
 * goes out in 2027"): the authentication method, the mailbox logged in as, and each provider's
 * credentials. Secrets (the client secret, the certificate's private key, the service account
 * key) are sealed by the SecretBox as the SMTP password is; the certificate itself is public.
 * Existing installations keep the password method.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE settings ADD COLUMN smtp_auth_method TEXT NOT NULL DEFAULT 'password'
      CHECK (smtp_auth_method IN ('password', 'microsoft365', 'google'));
    ALTER TABLE settings ADD COLUMN smtp_oauth_user TEXT NOT NULL DEFAULT '';
    ALTER TABLE settings ADD COLUMN smtp_ms_tenant_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE settings ADD COLUMN smtp_ms_client_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE settings ADD COLUMN smtp_ms_credential TEXT NOT NULL DEFAULT 'secret'
      CHECK (smtp_ms_credential IN ('secret', 'certificate'));
    ALTER TABLE settings ADD COLUMN smtp_ms_secret_sealed TEXT NOT NULL DEFAULT '';
    -- entered by the administrator (Entra shows it when the secret is made): 'YYYY-MM-DD' or ''
    ALTER TABLE settings ADD COLUMN smtp_ms_secret_expires_on TEXT NOT NULL DEFAULT '';
    ALTER TABLE settings ADD COLUMN smtp_ms_cert_pem TEXT NOT NULL DEFAULT '';
    ALTER TABLE settings ADD COLUMN smtp_ms_key_sealed TEXT NOT NULL DEFAULT '';
    ALTER TABLE settings ADD COLUMN smtp_google_key_sealed TEXT NOT NULL DEFAULT '';
    -- shown as 「設定済み（…）」 without opening the sealed key
    ALTER TABLE settings ADD COLUMN smtp_google_client_email TEXT NOT NULL DEFAULT '';
    ALTER TABLE settings ADD COLUMN smtp_google_client_id TEXT NOT NULL DEFAULT '';
  `);
}
