import type { Database } from 'better-sqlite3';

/**
 * 送信エラー (issue "undeliverable verification mails found in the sender's mailbox"):
 * - every mail_history row names the Message-ID we gave its mail (chosen before it leaves), the
 *   bulk job it belonged to, and — once a delivery report for it was read — what the report said:
 *   'failed' (5.x.x) or 'delayed' (4.x.x), the status code, the server's diagnostic line (nothing
 *   else of the report is kept) and when the report came;
 * - mail_bounce_marks: the employees whose latest mail came back (the grid's warning mark, its
 *   filter and count without a scan of the history); a new send removes the mark;
 * - 基本設定 › メール送信 › 送信エラーの確認: the mailbox (IMAP) where reports arrive, off by default,
 *   its password sealed like the SMTP one; and how far that mailbox has been read.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE mail_history ADD COLUMN message_id TEXT;
    ALTER TABLE mail_history ADD COLUMN job_id TEXT;
    ALTER TABLE mail_history ADD COLUMN bounce_kind TEXT CHECK (bounce_kind IN ('failed', 'delayed'));
    ALTER TABLE mail_history ADD COLUMN bounce_status TEXT NOT NULL DEFAULT '';
    ALTER TABLE mail_history ADD COLUMN bounce_diagnostic TEXT NOT NULL DEFAULT '';
    ALTER TABLE mail_history ADD COLUMN bounce_at INTEGER;
    CREATE UNIQUE INDEX mail_history_message_id ON mail_history(message_id) WHERE message_id IS NOT NULL;
    -- a report without the original's Message-ID is matched by recipient and time
    CREATE INDEX mail_history_address ON mail_history(address COLLATE NOCASE, sent_at);
    CREATE INDEX mail_history_job ON mail_history(job_id) WHERE job_id IS NOT NULL;

    CREATE TABLE mail_bounce_marks (
      employee_id INTEGER PRIMARY KEY REFERENCES employees(id) ON DELETE CASCADE,
      history_id INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('failed', 'delayed'))
    ) STRICT;
    CREATE INDEX mail_bounce_marks_kind ON mail_bounce_marks(kind);

    ALTER TABLE settings ADD COLUMN bounce_enabled INTEGER NOT NULL DEFAULT 0 CHECK (bounce_enabled IN (0, 1));
    ALTER TABLE settings ADD COLUMN bounce_host TEXT NOT NULL DEFAULT '';
    ALTER TABLE settings ADD COLUMN bounce_port INTEGER NOT NULL DEFAULT 993 CHECK (bounce_port BETWEEN 1 AND 65535);
    ALTER TABLE settings ADD COLUMN bounce_security TEXT NOT NULL DEFAULT 'tls' CHECK (bounce_security IN ('none', 'starttls', 'tls'));
    -- 'oauth': the OAuth 2.0 application of 基本設定 › メール送信 (XOAUTH2), as that provider's IMAP takes it
    ALTER TABLE settings ADD COLUMN bounce_auth_method TEXT NOT NULL DEFAULT 'password' CHECK (bounce_auth_method IN ('password', 'oauth'));
    ALTER TABLE settings ADD COLUMN bounce_user TEXT NOT NULL DEFAULT '';
    ALTER TABLE settings ADD COLUMN bounce_password_sealed TEXT NOT NULL DEFAULT '';
    ALTER TABLE settings ADD COLUMN bounce_folder TEXT NOT NULL DEFAULT 'INBOX';
    -- '' : a report that was ours is flagged \\Seen; else it is moved to this folder
    ALTER TABLE settings ADD COLUMN bounce_move_to TEXT NOT NULL DEFAULT '';

    -- how far the watched mailbox has been read (a new mailbox, folder or UIDVALIDITY starts again)
    CREATE TABLE bounce_mailbox_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      mailbox_key TEXT NOT NULL,
      uid_validity TEXT NOT NULL,
      last_uid INTEGER NOT NULL
    ) STRICT;
  `);
}
