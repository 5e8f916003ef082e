import type { Database } from 'better-sqlite3';

/** The company's settings (one row), employees, and the verification links of issue 4. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE settings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      company_name TEXT NOT NULL DEFAULT '',
      notify_method TEXT NOT NULL DEFAULT 'pdf' CHECK (notify_method IN ('pdf', 'mail')),
      verification_days INTEGER NOT NULL DEFAULT 7 CHECK (verification_days BETWEEN 1 AND 14),
      require_password_change INTEGER NOT NULL DEFAULT 1 CHECK (require_password_change IN (0, 1)),
      portal_host TEXT NOT NULL DEFAULT '0.0.0.0',
      portal_port INTEGER NOT NULL DEFAULT 8080 CHECK (portal_port BETWEEN 1 AND 65535),
      portal_base_url TEXT NOT NULL DEFAULT '',
      setup_completed_at INTEGER
    ) STRICT;
    INSERT INTO settings (id) VALUES (1);

    CREATE TABLE employees (
      id INTEGER PRIMARY KEY,
      login_id TEXT NOT NULL COLLATE NOCASE UNIQUE,
      code TEXT NOT NULL DEFAULT '',
      honorific TEXT NOT NULL DEFAULT '',
      last_name TEXT NOT NULL CHECK (last_name <> ''),
      first_name TEXT NOT NULL DEFAULT '',
      department TEXT NOT NULL DEFAULT '',
      email1 TEXT, email2 TEXT, email3 TEXT,
      -- the duplicate-warning key: local part as typed, domain lower-cased (main/services/domain/addresses.ts)
      email1_key TEXT GENERATED ALWAYS AS (substr(email1, 1, instr(email1, '@')) || lower(substr(email1, instr(email1, '@') + 1))) VIRTUAL,
      email2_key TEXT GENERATED ALWAYS AS (substr(email2, 1, instr(email2, '@')) || lower(substr(email2, instr(email2, '@') + 1))) VIRTUAL,
      email3_key TEXT GENERATED ALWAYS AS (substr(email3, 1, instr(email3, '@')) || lower(substr(email3, instr(email3, '@') + 1))) VIRTUAL,
      recorder_enabled INTEGER NOT NULL DEFAULT 1 CHECK (recorder_enabled IN (0, 1)),
      is_company_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_company_admin IN (0, 1)),
      password_status TEXT NOT NULL DEFAULT 'unissued'
        CHECK (password_status IN ('unissued', 'issuing', 'issued', 'reissuing')),
      password_hash TEXT,
      issued_via TEXT CHECK (issued_via IN ('pdf', 'mail', 'setup')),
      verified_at INTEGER,
      link_sent_at INTEGER,
      link_valid_until INTEGER,
      passcode_status TEXT NOT NULL DEFAULT 'unissued' CHECK (passcode_status IN ('unissued', 'issued')),
      passcode_hash TEXT,
      last_login_at INTEGER,
      previous_login_at INTEGER,
      failed_logins INTEGER NOT NULL DEFAULT 0,
      locked_until INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      -- 発行済 always has a delivery route, so 済 versus - is always decidable
      CHECK (password_status <> 'issued' OR issued_via IS NOT NULL)
    ) STRICT;
    CREATE UNIQUE INDEX employees_code_unique ON employees(code) WHERE code <> '';
    CREATE INDEX employees_code ON employees(code, id);
    CREATE INDEX employees_email1_key ON employees(email1_key) WHERE email1 IS NOT NULL;
    CREATE INDEX employees_email2_key ON employees(email2_key) WHERE email2 IS NOT NULL;
    CREATE INDEX employees_email3_key ON employees(email3_key) WHERE email3 IS NOT NULL;
    CREATE INDEX employees_password_status ON employees(password_status);
    CREATE INDEX employees_passcode_status ON employees(passcode_status);

    CREATE TABLE verification_links (
      id INTEGER PRIMARY KEY,
      employee_id INTEGER NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
      token_hash TEXT NOT NULL UNIQUE,
      address TEXT NOT NULL,
      issuance_started_at INTEGER NOT NULL,
      sent_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      used_at INTEGER,
      revoked_at INTEGER
    ) STRICT;
    CREATE INDEX verification_links_employee ON verification_links(employee_id);
  `);
}
