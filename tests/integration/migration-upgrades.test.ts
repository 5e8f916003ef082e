/**
 * One upgrade test per migration, as Signal does: a database file at version N−1 holding rows of
 * every kind that version knew (employees in every password/verification state, links, mail
 * history, sessions, punches, bulk jobs, 操作ログ…), then migration N: every row is still there
 * with its values, and what N changes is checked on those rows. Then the whole file is opened by
 * the app as a user would after an update (composeApp: integrity check, the rest of the
 * migrations, recovery) and the data works: statuses, passwords, passcodes, links, jobs.
 * Finally, the grid's page queries use the indexes migration 005 made for them.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { migrate, migrateTo } from '../../db/database';
import { LATEST_VERSION, migrations } from '../../db/migrations';
import { gridPageSql } from '../../db/queries/employee-grid';
import { composeApp, DATABASE_FILE, type App } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { hashSecret } from '../../main/services/support/secret-hasher';
import { GRID_SORT_KEYS, type GridSortKey } from '../../preload/domain-types';
import { gridQuerySchema } from '../../preload/schemas';
import { FakeClock } from '../support/fake-clock';
import { makeTempDir } from '../support/temp-dir';

const NOW = Date.UTC(2026, 10, 25, 3, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const PASSWORD = 'mk7dqe4wz9fa';
const PASSCODE = '5829';
const token = (n: number) => `tok${String(n).padStart(2, '0')}`.padEnd(43, 'x');
const tokenHash = (t: string) => createHash('sha256').update(t).digest('hex');

let passwordHash: string;
let passcodeHash: string;
beforeAll(async () => {
  [passwordHash, passcodeHash] = await Promise.all([hashSecret(PASSWORD), hashSecret(PASSCODE)]);
});

const dirs: ReturnType<typeof makeTempDir>[] = [];
const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  for (const d of dirs.splice(0)) d.remove();
});

// ---- a database at an older version, with rows ---------------------------------------

/** A real database file at `version` (only the migrations up to it), as that version of the app left it. */
function databaseAt(version: number): { db: Database; dataDir: string } {
  const tmp = makeTempDir('focusu-migration-');
  dirs.push(tmp);
  const db = new BetterSqlite3(path.join(tmp.dir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrateTo(db, version);
  seed(db, version);
  return { db, dataDir: tmp.dir };
}

const columnsOf = (db: Database, table: string) => (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
const hasTable = (db: Database, table: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;

/** Inserts what the table has columns for at this version (a newer column's value is left out). */
function insert(db: Database, table: string, row: Record<string, unknown>): void {
  const cols = columnsOf(db, table).filter((c) => c in row);
  db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`)
    .run(Object.fromEntries(cols.map((c) => [c, row[c]])));
}

/** The employees of the fixture: one per state the versions could store. */
const EMPLOYEES = [
  { id: 1, login_id: 'admin', last_name: '管理', is_company_admin: 1, password_status: 'issued', issued_via: 'setup', password_hash: 'H' },
  { id: 2, login_id: 'mitei', last_name: '未発', email1: 'mitei@example.co.jp' },
  { id: 3, login_id: 'machi', last_name: '待機', email1: 'machi@example.co.jp', password_status: 'issuing', link_sent_at: NOW - DAY, link_valid_until: NOW + 6 * DAY },
  { id: 4, login_id: 'kigire', last_name: '期限', email1: 'kigire@example.co.jp', password_status: 'issuing', link_sent_at: NOW - 10 * DAY, link_valid_until: NOW - 3 * DAY },
  { id: 5, login_id: 'zumi', last_name: '済済', email1: 'zumi@example.co.jp', password_status: 'issuing', verified_at: NOW - HOUR, link_sent_at: NOW - DAY, password_hash: 'H', password_generated: 1 },
  { id: 6, login_id: 'pdfman', last_name: '印刷', password_status: 'issued', issued_via: 'pdf', password_hash: 'H', password_generated: 1, passcode_status: 'issued', passcode_hash: 'P', last_login_at: NOW - 2 * DAY, previous_login_at: NOW - 3 * DAY },
  { id: 7, login_id: 'mailman', last_name: '郵便', email1: 'mailman@example.co.jp', password_status: 'issued', issued_via: 'mail', password_hash: 'H', last_login_at: NOW - DAY },
  { id: 8, login_id: 'saihakko', last_name: '再発', email1: 'saihakko@example.co.jp', email2: 'saihakko.home@example.jp', password_status: 'reissuing', issued_via: 'mail', password_hash: 'H', link_sent_at: NOW - HOUR, link_valid_until: NOW + 2 * DAY },
  { id: 9, login_id: 'rokku', last_name: '施錠', password_status: 'issued', issued_via: 'pdf', password_hash: 'H', failed_logins: 5, locked_until: NOW + 10 * MIN, passcode_status: 'issued', passcode_hash: 'P', passcode_failures: 10, passcode_locked_at: NOW - 5 * MIN,
    // the same kiosk lock as version 8 stores it (a database at 8 is an older version since 009)
    passcode_locked_until: NOW - 5 * MIN + 15 * MIN },
  { id: 10, login_id: 'takasaki', code: '0011', last_name: '髙﨑', first_name: '①子', honorific: '様', department: '本社 営業部', recorder_enabled: 0, email1: 'Taro@Example.CO.JP', email2: 'taro@example.co.jp', email3: 'x+y@sub.example.jp' },
] as const;

/** What each fixture employee is at NOW (SPEC §4), whatever version stored it. */
const EXPECTED_STATUS: Record<number, string> = {
  1: 'issued/done', 2: 'unissued/none', 3: 'issuing/waiting', 4: 'issuing/expired', 5: 'issuing/verified',
  6: 'issued/na', 7: 'issued/done', 8: 'reissuing/waiting', 9: 'issued/na', 10: 'unissued/none',
};

function seed(db: Database, version: number): void {
  if (version < 1) return;
  db.transaction(() => {
    db.prepare(`UPDATE settings SET company_name = '株式会社移行', notify_method = 'mail', verification_days = 5,
      require_password_change = 0, portal_host = '192.168.1.10', portal_port = 8088, portal_base_url = 'http://timecard.local:8088/',
      setup_completed_at = ?`).run(NOW - 30 * DAY);
    for (const e of EMPLOYEES) {
      insert(db, 'employees', {
        code: '', honorific: '', first_name: '', department: '', email1: null, email2: null, email3: null, recorder_enabled: 1,
        is_company_admin: 0, password_status: 'unissued', issued_via: null, verified_at: null, link_sent_at: null, link_valid_until: null,
        passcode_status: 'unissued', last_login_at: null, previous_login_at: null, failed_logins: 0, locked_until: null,
        password_generated: 0, passcode_failures: 0, passcode_locked_at: null, created_at: NOW - 40 * DAY, updated_at: NOW - DAY,
        ...e,
        password_hash: 'password_hash' in e ? passwordHash : null,
        passcode_hash: 'passcode_hash' in e ? passcodeHash : null,
      });
    }
    const link = (id: number, employee: number, address: string, sent: number, expires: number, extra: { used_at?: number; revoked_at?: number } = {}) =>
      insert(db, 'verification_links', {
        id, employee_id: employee, token_hash: tokenHash(token(id)), address, issuance_started_at: sent, sent_at: sent, expires_at: expires,
        used_at: extra.used_at ?? null, revoked_at: extra.revoked_at ?? null,
      });
    link(1, 3, 'machi@example.co.jp', NOW - 2 * DAY, NOW + 3 * DAY, { revoked_at: NOW - DAY }); // replaced by the next request
    link(2, 3, 'machi@example.co.jp', NOW - DAY, NOW + 6 * DAY);
    link(3, 4, 'kigire@example.co.jp', NOW - 10 * DAY, NOW - 3 * DAY);
    link(4, 5, 'zumi@example.co.jp', NOW - DAY, NOW + 4 * DAY, { used_at: NOW - HOUR });
    link(5, 8, 'saihakko.home@example.jp', NOW - HOUR, NOW + 2 * DAY);

    if (version >= 2) {
      db.prepare(`UPDATE settings SET smtp_host = 'smtp.example.co.jp', smtp_port = 465, smtp_security = 'tls', smtp_user = 'focusu',
        smtp_from_address = 'noreply@example.co.jp', smtp_from_name = 'Focus U 管理者', smtp_rate_per_minute = 120`).run();
      const mail = (id: number, employee: number, kind: string, address: string, sentAt: number, result: string, detail = '') =>
        insert(db, 'mail_history', { id, employee_id: employee, kind, address, sent_at: sentAt, result, detail });
      mail(1, 3, 'verification', 'machi@example.co.jp', NOW - 2 * DAY, 'sent');
      mail(2, 3, 'verification', 'machi@example.co.jp', NOW - DAY, 'sent');
      mail(3, 4, 'verification', 'kigire@example.co.jp', NOW - 10 * DAY, 'sent');
      mail(4, 5, 'verification', 'zumi@example.co.jp', NOW - DAY, 'sent');
      mail(5, 5, 'account', 'zumi@example.co.jp', NOW - HOUR, 'sent');
      mail(6, 8, 'verification', 'saihakko@example.co.jp', NOW - 2 * HOUR, 'failed', '550 5.1.1 User unknown');
      mail(7, 8, 'verification', 'saihakko.home@example.jp', NOW - HOUR, 'sent');
      const session = (employee: number, mustChange: number) => insert(db, 'portal_sessions', {
        id_hash: tokenHash(`session-${employee}`), employee_id: employee, csrf_token: `csrf-${employee}`.padEnd(43, 'c'),
        created_at: NOW - HOUR, last_seen_at: NOW - MIN, must_change_password: mustChange,
      });
      session(6, 0);
      session(7, 1);
    }
    if (version >= 3) {
      const punch = (id: number, employee: number, kind: string, at: number, source: string) =>
        insert(db, 'punches', { id, employee_id: employee, kind, at, source, request_id: `req${id}`.padEnd(22, 'r') });
      punch(1, 6, 'in', NOW - 9 * HOUR, 'portal');
      punch(2, 6, 'out', NOW - HOUR, 'kiosk');
      punch(3, 9, 'in', NOW - 2 * HOUR, 'kiosk');
    }
    if (version >= 4) {
      insert(db, 'mail_jobs', { id: 'job-finished'.padEnd(22, 'f'), created_at: NOW - 2 * DAY, finished_at: NOW - 2 * DAY + MIN });
      insert(db, 'mail_jobs', { id: 'job-interrupted'.padEnd(22, 'i'), created_at: NOW - HOUR, finished_at: null });
      const item = (job: string, position: number, employee: number | null, state: string, attempts = 0, note = '') => insert(db, 'mail_job_items', {
        job_id: job.padEnd(22, job === 'job-finished' ? 'f' : 'i'), position, employee_id: employee, login_id: employee ? EMPLOYEES[employee - 1]!.login_id : 'gone',
        name: employee ? EMPLOYEES[employee - 1]!.last_name : '削除済', address: employee ? `${EMPLOYEES[employee - 1]!.login_id}@example.co.jp` : 'gone@example.co.jp',
        state, attempts, note,
      });
      item('job-finished', 0, 3, 'sent');
      item('job-finished', 1, 4, 'failed', 3, '421 4.7.0 Try again later');
      item('job-finished', 2, 7, 'excluded', 0, '対象外');
      item('job-finished', 3, null, 'sent');
      item('job-interrupted', 0, 3, 'sent');
      item('job-interrupted', 1, 2, 'sending', 1);
      item('job-interrupted', 2, 10, 'pending');
    }
    if (version >= 6) {
      const audit = (id: number, action: string, targets: unknown[], result: string, detail = '') =>
        insert(db, 'audit_log', { id, at: NOW - id * HOUR, actor: '管理 (admin)', action, targets: JSON.stringify(targets), result, detail });
      audit(1, 'issuance.preparePdf', [{ id: 6, name: '印刷', loginId: 'pdfman' }], 'ok');
      audit(2, 'mailIssue.sendVerification', [{ id: 8, name: '再発', loginId: 'saihakko' }], 'error', '550 5.1.1 User unknown');
      audit(3, 'employees.delete', [{ id: 99, name: '退職', loginId: 'gone' }], 'ok');
    }
    if (version >= 7) db.prepare("UPDATE settings SET portal_tls = 'pem', portal_tls_passphrase_sealed = ''").run();
  })();
}

// ---- rows carried over ---------------------------------------------------------------

type Snapshot = Map<string, { columns: string[]; rows: string[] }>;

/** Every row of every table, each as JSON of its columns, in a stable order. */
function snapshot(db: Database): Snapshot {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  return new Map(tables.map((t) => {
    const columns = columnsOf(db, t);
    return [t, { columns, rows: rowsOf(db, t, columns) }];
  }));
}
const rowsOf = (db: Database, table: string, columns: string[]) =>
  (db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}"`).all() as object[]).map((r) => JSON.stringify(r)).sort();

/** Every row of `before` is still there, every value as it was (`dropped` columns aside). */
function expectCarried(before: Snapshot, db: Database, dropped: Record<string, string[]> = {}): void {
  for (const [table, { columns, rows }] of before) {
    const kept = columns.filter((c) => !dropped[table]?.includes(c));
    const expected = rows.map((r) => JSON.parse(r) as Record<string, unknown>).map((r) => JSON.stringify(Object.fromEntries(kept.map((c) => [c, r[c]])))).sort();
    expect(rowsOf(db, table, kept), table).toEqual(expected);
  }
}

const all = (db: Database, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as Record<string, unknown>[];
const indexes = (db: Database) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all() as string[];

/** What each migration changes, checked on the rows of the version before it. */
const CHANGES: Record<number, { dropped?: Record<string, string[]>; check(db: Database): void }> = {
  1: {
    check(db) {
      expect(all(db, 'SELECT company_name, notify_method, verification_days, require_password_change, portal_port FROM settings'))
        .toEqual([{ company_name: '', notify_method: 'pdf', verification_days: 7, require_password_change: 1, portal_port: 8080 }]);
      expect(hasTable(db, 'employees') && hasTable(db, 'verification_links')).toBe(true);
    },
  },
  2: {
    check(db) {
      expect(all(db, 'SELECT DISTINCT password_generated FROM employees')).toEqual([{ password_generated: 0 }]);
      expect(all(db, 'SELECT smtp_host, smtp_port, smtp_security, smtp_rate_per_minute, company_name FROM settings'))
        .toEqual([{ smtp_host: '', smtp_port: 587, smtp_security: 'starttls', smtp_rate_per_minute: 0, company_name: '株式会社移行' }]);
      expect(all(db, 'SELECT count(*) AS n FROM mail_history')).toEqual([{ n: 0 }]);
      expect(hasTable(db, 'portal_sessions')).toBe(true);
    },
  },
  3: {
    check(db) {
      expect(all(db, 'SELECT DISTINCT passcode_failures, passcode_locked_at FROM employees')).toEqual([{ passcode_failures: 0, passcode_locked_at: null }]);
      expect(hasTable(db, 'punches')).toBe(true);
      // the employees' own columns of 002 are untouched
      expect(all(db, 'SELECT password_generated FROM employees WHERE id = 6')).toEqual([{ password_generated: 1 }]);
    },
  },
  4: {
    check(db) {
      expect(hasTable(db, 'mail_jobs') && hasTable(db, 'mail_job_items')).toBe(true);
      expect(indexes(db)).toContain('mail_job_items_next');
    },
  },
  5: {
    check(db) {
      expect(indexes(db)).toEqual(expect.arrayContaining(['employees_name', 'employees_department', 'employees_last_login', 'employees_recorder', 'employees_password_order']));
    },
  },
  6: {
    check(db) {
      expect(hasTable(db, 'audit_log')).toBe(true);
      expect(indexes(db)).toEqual(expect.arrayContaining(['audit_log_at', 'audit_log_action']));
    },
  },
  7: {
    check(db) {
      expect(all(db, 'SELECT portal_tls, portal_tls_passphrase_sealed, smtp_host, smtp_security FROM settings'))
        .toEqual([{ portal_tls: 'none', portal_tls_passphrase_sealed: '', smtp_host: 'smtp.example.co.jp', smtp_security: 'tls' }]);
    },
  },
  8: {
    dropped: { employees: ['passcode_locked_at'] },
    check(db) {
      expect(columnsOf(db, 'employees')).not.toContain('passcode_locked_at');
      expect(all(db, 'SELECT DISTINCT version FROM employees')).toEqual([{ version: 0 }]);
      // a permanent kiosk lock became one that ends 15 minutes after it began
      expect(all(db, 'SELECT id, passcode_locked_until FROM employees WHERE passcode_locked_until IS NOT NULL'))
        .toEqual([{ id: 9, passcode_locked_until: NOW - 5 * MIN + 15 * MIN }]);
      expect(all(db, 'SELECT count(*) AS n FROM pending_secrets')).toEqual([{ n: 0 }]);
      // the rebuilt tables kept their ids and states, and take the new states
      expect(all(db, 'SELECT id, result FROM mail_history ORDER BY id').map((r) => `${String(r.id)}:${String(r.result)}`))
        .toEqual(['1:sent', '2:sent', '3:sent', '4:sent', '5:sent', '6:failed', '7:sent']);
      expect(all(db, 'SELECT position, state, attempts FROM mail_job_items WHERE job_id LIKE ? ORDER BY position', 'job-interrupted%'))
        .toEqual([{ position: 0, state: 'sent', attempts: 0 }, { position: 1, state: 'sending', attempts: 1 }, { position: 2, state: 'pending', attempts: 0 }]);
      db.prepare("UPDATE mail_history SET result = 'uncertain' WHERE id = 7").run();
      db.prepare("UPDATE mail_job_items SET state = 'uncertain' WHERE position = 1 AND job_id LIKE 'job-interrupted%'").run();
      expect(() => db.prepare("UPDATE mail_history SET result = 'lost' WHERE id = 7").run()).toThrow(/CHECK/);
      expect(indexes(db)).toEqual(expect.arrayContaining(['mail_history_employee', 'mail_job_items_next']));
    },
  },
  9: {
    check(db) {
      // an installation keeps its SMTP server and the password method; OAuth 2.0's settings start empty
      expect(all(db, `SELECT smtp_host, smtp_user, smtp_rate_per_minute, smtp_auth_method, smtp_oauth_user, smtp_ms_tenant_id, smtp_ms_client_id,
        smtp_ms_credential, smtp_ms_secret_sealed, smtp_ms_secret_expires_on, smtp_ms_cert_pem, smtp_ms_key_sealed, smtp_google_key_sealed,
        smtp_google_client_email, smtp_google_client_id FROM settings`)).toEqual([{
        smtp_host: 'smtp.example.co.jp', smtp_user: 'focusu', smtp_rate_per_minute: 120, smtp_auth_method: 'password', smtp_oauth_user: '',
        smtp_ms_tenant_id: '', smtp_ms_client_id: '', smtp_ms_credential: 'secret', smtp_ms_secret_sealed: '', smtp_ms_secret_expires_on: '',
        smtp_ms_cert_pem: '', smtp_ms_key_sealed: '', smtp_google_key_sealed: '', smtp_google_client_email: '', smtp_google_client_id: '',
      }]);
      expect(() => db.prepare("UPDATE settings SET smtp_auth_method = 'ntlm'").run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE settings SET smtp_ms_credential = 'password'").run()).toThrow(/CHECK/);
    },
  },
  // 010-administrators
  10: {
    check(db) {
      expect(hasTable(db, 'administrators')).toBe(true);
      expect(all(db, 'SELECT count(*) AS n FROM administrators')).toEqual([{ n: 0 }]);
      // the 法人管理者 stays the employees row it was
      expect(all(db, 'SELECT login_id FROM employees WHERE is_company_admin = 1')).toEqual([{ login_id: 'admin' }]);
      db.prepare("INSERT INTO administrators (login_id, name, password_hash, created_at, updated_at) VALUES ('sato', '佐藤', 'h', 1, 1)").run();
      expect(all(db, 'SELECT must_change_password, disabled_at, failed_logins, locked_until, version FROM administrators'))
        .toEqual([{ must_change_password: 1, disabled_at: null, failed_logins: 0, locked_until: null, version: 0 }]);
      expect(() => db.prepare("INSERT INTO administrators (login_id, name, password_hash, created_at, updated_at) VALUES ('SATO', 'x', 'h', 1, 1)").run())
        .toThrow(/UNIQUE/);
      db.prepare("DELETE FROM administrators").run();
    },
  },
  // 011-mail-bounces
  11: {
    check(db) {
      // every mail keeps its row and result; none has a Message-ID (sent before they existed) nor a report
      expect(all(db, `SELECT id, result, message_id, job_id, bounce_kind, bounce_status, bounce_diagnostic, bounce_at FROM mail_history ORDER BY id`)
        .every((r) => r.message_id === null && r.job_id === null && r.bounce_kind === null && r.bounce_status === '' && r.bounce_diagnostic === '' && r.bounce_at === null)).toBe(true);
      expect(all(db, 'SELECT count(*) AS n FROM mail_bounce_marks')).toEqual([{ n: 0 }]);
      expect(all(db, 'SELECT count(*) AS n FROM bounce_mailbox_state')).toEqual([{ n: 0 }]);
      // 送信エラーの確認 starts off; the SMTP settings are untouched
      expect(all(db, `SELECT smtp_host, bounce_enabled, bounce_host, bounce_port, bounce_security, bounce_auth_method, bounce_user,
        bounce_password_sealed, bounce_folder, bounce_move_to FROM settings`)).toEqual([{
        smtp_host: 'smtp.example.co.jp', bounce_enabled: 0, bounce_host: '', bounce_port: 993, bounce_security: 'tls', bounce_auth_method: 'password',
        bounce_user: '', bounce_password_sealed: '', bounce_folder: 'INBOX', bounce_move_to: '',
      }]);
      // the new columns take reports, and refuse what is not one
      db.prepare("UPDATE mail_history SET message_id = '<a@x>', bounce_kind = 'failed', bounce_status = '5.1.1' WHERE id = 1").run();
      expect(() => db.prepare("UPDATE mail_history SET bounce_kind = 'bounced' WHERE id = 2").run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE mail_history SET message_id = '<a@x>' WHERE id = 2").run()).toThrow(/UNIQUE/);
      expect(() => db.prepare("UPDATE settings SET bounce_auth_method = 'ntlm'").run()).toThrow(/CHECK/);
      expect(indexes(db)).toEqual(expect.arrayContaining(['mail_history_message_id', 'mail_history_address', 'mail_history_job', 'mail_bounce_marks_kind']));
    },
  },
  // 012-grid-at-scale
  12: {
    check(db) {
      // the maintained counts start from the rows already there, and the search indexes hold them
      const employees = all(db, 'SELECT count(*) AS n FROM employees')[0]!.n;
      expect(all(db, 'SELECT sum(n) AS n FROM employee_status_counts')).toEqual([{ n: employees }]);
      expect(all(db, `SELECT password_status, passcode_status, verification_order, count(*) AS n FROM employees
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`)).toEqual(all(db, `SELECT password_status, passcode_status, verification_order, n
        FROM employee_status_counts WHERE n > 0 ORDER BY 1, 2, 3`));
      const admin = all(db, 'SELECT id FROM employees WHERE is_company_admin = 1')[0]!.id;
      expect(db.prepare("SELECT rowid FROM employee_search WHERE employee_search MATCH '\"admin\"'").pluck().all()).toContain(admin);
      expect(indexes(db)).toEqual(expect.arrayContaining(['employees_verification']));
    },
  },
  // 013-mail-jobs-stored
  13: {
    check(db) {
      // the jobs already there are whole: listed, resumable, with their rows
      expect(all(db, 'SELECT id, stored FROM mail_jobs ORDER BY id')).toEqual([
        { id: 'job-finished'.padEnd(22, 'f'), stored: 1 }, { id: 'job-interrupted'.padEnd(22, 'i'), stored: 1 },
      ]);
      expect(() => db.prepare('UPDATE mail_jobs SET stored = 2').run()).toThrow(/CHECK/);
    },
  },
  // 014-job-bounce-index
  14: {
    check(db) {
      // a job's reports are found through the index of failed mails, which a mail enters only when its report says so
      expect(indexes(db)).toContain('mail_history_job_failed');
      expect(indexes(db)).not.toContain('mail_history_job');
      const job = 'job-finished'.padEnd(22, 'f');
      db.prepare('UPDATE mail_history SET job_id = ? WHERE id IN (1, 2)').run(job);
      db.prepare("UPDATE mail_history SET bounce_kind = 'failed' WHERE id = 1").run();
      const count = db.prepare("SELECT count(*) AS n FROM mail_history WHERE job_id = ? AND bounce_kind = 'failed'");
      expect(count.get(job)).toEqual({ n: 1 });
      expect((db.prepare(`EXPLAIN QUERY PLAN ${count.source}`).all(job) as { detail: string }[]).map((r) => r.detail).join(' '))
        .toContain('mail_history_job_failed');
    },
  },
};

describe('each migration upgrades a database of the version before it, with rows', () => {
  it('covers every migration', () => {
    expect(Object.keys(CHANGES).map(Number)).toEqual(migrations.map((m) => m.version));
  });

  it.each(migrations.map((m) => [m.name, m.version] as const))('%s: rows of version N−1 carried over, its changes applied to them', (_, n) => {
    const { db } = databaseAt(n - 1);
    const before = snapshot(db);
    migrateTo(db, n); // migration N alone
    expect(db.pragma('user_version', { simple: true })).toBe(n);
    expectCarried(before, db, CHANGES[n]!.dropped);
    CHANGES[n]!.check(db);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // and on from there to the latest with migrate(), as the app does
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});

// ---- the app on an upgraded database -------------------------------------------------

describe('the app opens a database of every older version and its data works', () => {
  it.each(Array.from({ length: LATEST_VERSION }, (_, v) => v))('from version %i', async (version) => {
    const { db, dataDir } = databaseAt(version);
    db.close();
    const clock = new FakeClock(NOW);
    const app = composeApp({ dataDir, clock, logger: silentLogger });
    apps.push(app);
    expect(app.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    if (version === 0) {
      expect(app.employees.list(gridQuerySchema.parse({})).total).toBe(0);
      return;
    }

    expect(app.settings.get()).toMatchObject({
      companyName: '株式会社移行', notifyMethod: 'mail', verificationDays: 5, requirePasswordChange: false,
      portal: { listenHost: '192.168.1.10', port: 8088, baseUrl: 'http://timecard.local:8088/' },
    });
    const page = app.employees.list(gridQuerySchema.parse({ pageSize: 20 }));
    expect(page.total).toBe(EMPLOYEES.length);
    for (const row of page.rows) expect(`${row.password}/${row.verification}`, row.loginId).toBe(EXPECTED_STATUS[row.id]);
    expect(app.employees.get(10)).toMatchObject({
      code: '0011', lastName: '髙﨑', firstName: '①子', recorderEnabled: false, email1: 'Taro@Example.CO.JP', email3: 'x+y@sub.example.jp',
    });
    expect(app.employees.get(9).locked).toBe(true);

    // links: the live one opens 「認証する」, the others say what they are
    expect(app.verification.inspect(token(2))).toEqual({ status: 'valid', name: '待機' });
    expect(app.verification.inspect(token(1)).status).toBe('revoked'); // its own page: a later mail replaced it
    expect(app.verification.inspect(token(3)).status).toBe('expired');
    expect(app.verification.inspect(token(4)).status).toBe('used');

    // passwords: in force, the old one during a reissue, a mailed one whose first login completes the issuance
    expect(await app.portalAuth.login('pdfman', PASSWORD)).not.toBeNull();
    expect(await app.portalAuth.login('saihakko', PASSWORD)).not.toBeNull();
    expect(await app.portalAuth.login('zumi', PASSWORD)).not.toBeNull();
    expect(app.employees.get(5)).toMatchObject({ password: 'issued', verification: 'done' });
    expect(await app.portalAuth.login('rokku', PASSWORD)).toBeNull(); // still locked
    expect(await app.portalAuth.login('admin', PASSWORD)).toBeNull(); // the admin zone's account is not on the portal

    const punch = (who: string) => app.punches.punchWithPasscode(who, PASSCODE, 'in', `upgrade-${who}-${clock.now()}`.slice(-22).padStart(22, 'u'))
      .then(() => true, () => false);
    expect(await punch('pdfman')).toBe(true);
    if (version >= 3) {
      expect(await punch('rokku')).toBe(false); // the kiosk lock of the old version still holds…
      clock.advance(9 * MIN);
      expect(await punch('rokku')).toBe(false);
      clock.advance(2 * MIN);
      expect(await punch('rokku')).toBe(true); // …and ends 15 minutes after it began
    }

    if (version >= 2) {
      const history = app.verification.view(8).history;
      expect(history.map((h) => h.result).sort()).toEqual(['failed', 'sent']);
      expect(history.find((h) => h.result === 'failed')?.detail).toBe('550 5.1.1 User unknown');
      expect(app.settings.get().portalTls.mode).toBe(version >= 7 ? 'pem' : 'none');
      expect(app.smtp.get()).toMatchObject({ host: 'smtp.example.co.jp', user: 'focusu', authMethod: 'password', expiry: null });
    }
    if (version >= 4) {
      // the row an old crash left 'sending' is settled at start: it may have gone, and is never resent by itself
      const job = await app.bulkMail.status('job-interrupted'.padEnd(22, 'i'));
      expect(job.rows.map((r) => r.state)).toEqual(['sent', 'uncertain', 'pending']);
      expect((await app.bulkMail.status('job-finished'.padEnd(22, 'f'))).rows.map((r) => r.state)).toEqual(['sent', 'failed', 'excluded', 'sent']);
    }
    if (version >= 6) {
      const audit = app.audit.list({ from: null, to: null, action: null, employee: null, page: 1, pageSize: 100 });
      expect(audit.rows.filter((r) => r.actor === '管理 (admin)')).toHaveLength(3);
    }
    // the 法人管理者 of any older version logs in to the admin screens and adds a ユーザー管理者 (010)
    const session = await app.auth.login({ loginId: 'admin', password: PASSWORD });
    const added = await app.administrators.create(session, { loginId: 'sato', name: '佐藤', delivery: 'screen' });
    expect(await app.auth.login({ loginId: 'sato', password: added.initialPassword! })).toEqual(expect.any(String));
  });
});

// ---- the grid's query plans ----------------------------------------------------------

/** The index each sort key is meant to use (migrations 001 and 005); 認証状態 is derived from the time, so no index can hold its order. */
const SORT_INDEX: Record<GridSortKey, string | null> = {
  code: 'employees_code', name: 'employees_name', loginId: 'sqlite_autoindex_employees_1', department: 'employees_department',
  recorder: 'employees_recorder', password: 'employees_password_order', passcode: 'employees_passcode_status',
  lastLogin: 'employees_last_login', verification: null,
};

describe('the grid\'s page query on an upgraded database', () => {
  it.each([['as the app leaves it', false], ['after ANALYZE', true]])('pages every indexed sort through its index, without sorting (%s)', (_, analyze) => {
    const { db } = databaseAt(4); // before the grid's indexes, with rows
    db.transaction(() => {
      for (let i = 0; i < 2_000; i++) {
        insert(db, 'employees', {
          login_id: `u${i}`, code: String(10_000 + i), last_name: `姓${i % 40}`, first_name: `名${i}`, department: `部${i % 9}`,
          recorder_enabled: i % 2, password_status: i % 3 ? 'issued' : 'unissued', issued_via: i % 3 ? 'pdf' : null,
          last_login_at: i % 5 ? NOW - i * MIN : null, created_at: NOW, updated_at: NOW,
        });
      }
    })();
    migrate(db);
    if (analyze) db.exec('ANALYZE');
    const params = { now: NOW, limit: 100, offset: 0 };
    for (const key of GRID_SORT_KEYS) {
      for (const direction of ['asc', 'desc'] as const) {
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${gridPageSql(key, direction)}`).all(params) as { detail: string }[]).map((p) => p.detail);
        const index = SORT_INDEX[key];
        if (index === null) continue;
        expect(plan, `${key} ${direction}`).toContain(`SCAN e USING INDEX ${index}`);
        expect(plan.filter((d) => d.includes('TEMP B-TREE')), `${key} ${direction}`).toEqual([]);
      }
    }
    db.close();
  });
});
