import { stmt } from '../statement-cache';
import type { Database } from 'better-sqlite3';
import type { EmployeeFields } from '../../preload/schemas';
import type { AccountFacts } from '../../preload/domain-types';
import { BULK_MAIL_COLUMNS, EMPLOYEE_COLUMNS, type BulkMailEmployeeRow, type EmployeeDbRow } from './employee-columns';

export interface NewEmployee extends EmployeeFields {
  isCompanyAdmin?: boolean;
  passwordHash?: string | null;
  facts?: AccountFacts;
  passcodeHash?: string | null;
}

export function insertEmployee(db: Database, e: NewEmployee, now: number): number {
  const facts = e.facts;
  const info = stmt(db, `
    INSERT INTO employees (login_id, code, honorific, last_name, first_name, department, email1, email2, email3,
      recorder_enabled, is_company_admin, password_hash, password_status, issued_via, verified_at, link_sent_at,
      link_valid_until, passcode_status, passcode_hash, created_at, updated_at)
    VALUES (@loginId, @code, @honorific, @lastName, @firstName, @department, @email1, @email2, @email3,
      @recorder, @admin, @passwordHash, @password, @issuedVia, @verifiedAt, @linkSentAt,
      @linkValidUntil, @passcodeStatus, @passcodeHash, @now, @now)
  `).run({
    loginId: e.loginId, code: e.code, honorific: e.honorific, lastName: e.lastName, firstName: e.firstName,
    department: e.department, email1: e.email1, email2: e.email2, email3: e.email3,
    recorder: e.recorderEnabled ? 1 : 0, admin: e.isCompanyAdmin ? 1 : 0, passwordHash: e.passwordHash ?? null,
    password: facts?.password ?? 'unissued', issuedVia: facts?.issuedVia ?? null, verifiedAt: facts?.verifiedAt ?? null,
    linkSentAt: facts?.linkSentAt ?? null, linkValidUntil: facts?.linkValidUntil ?? null,
    passcodeStatus: e.passcodeHash ? 'issued' : 'unissued', passcodeHash: e.passcodeHash ?? null, now,
  });
  return Number(info.lastInsertRowid);
}

/** An edit, written only while the row is still at the version the editor read (false: someone else was first). */
export function updateEmployeeFields(db: Database, id: number, e: EmployeeFields, expectVersion: number, now: number): boolean {
  return stmt(db, `
    UPDATE employees SET login_id = @loginId, code = @code, honorific = @honorific, last_name = @lastName,
      first_name = @firstName, department = @department, email1 = @email1, email2 = @email2, email3 = @email3,
      recorder_enabled = @recorder, updated_at = @now, version = version + 1
    WHERE id = @id AND version = @expectVersion
  `).run({ ...e, recorder: e.recorderEnabled ? 1 : 0, id, expectVersion, now }).changes === 1;
}

// SQL texts built once: a template built per call is hashed anew for the statement cache every time
const SELECT_EMPLOYEE = `SELECT ${EMPLOYEE_COLUMNS} FROM employees e WHERE e.id = :id`;

export function selectEmployee(db: Database, id: number, now: number): EmployeeDbRow | undefined {
  return stmt(db, SELECT_EMPLOYEE).get({ id, now }) as
    | EmployeeDbRow
    | undefined;
}

/** The given employees (those that exist), in one statement: a bulk screen reads thousands a piece at a time. */
export function selectEmployees(db: Database, ids: readonly number[], now: number): EmployeeDbRow[] {
  return stmt(db, SELECT_EMPLOYEES).all({ ids: JSON.stringify(ids), now }) as EmployeeDbRow[];
}
const SELECT_EMPLOYEES = `SELECT ${EMPLOYEE_COLUMNS} FROM employees e WHERE e.id IN (SELECT value FROM json_each(:ids))`;

/** The given employees (those that exist) as a bulk mail job reads them, in one statement. */
export function selectBulkMailEmployees(db: Database, ids: readonly number[], now: number): BulkMailEmployeeRow[] {
  return stmt(db, SELECT_BULK_MAIL_EMPLOYEES).all({ ids: JSON.stringify(ids), now }) as BulkMailEmployeeRow[];
}
const SELECT_BULK_MAIL_EMPLOYEES = `SELECT ${BULK_MAIL_COLUMNS} FROM employees e WHERE e.id IN (SELECT value FROM json_each(:ids))`;

/** One employee as a bulk mail job's claim reads it. */
export function selectBulkMailEmployee(db: Database, id: number, now: number): BulkMailEmployeeRow | undefined {
  return stmt(db, SELECT_BULK_MAIL_EMPLOYEE).get({ id, now }) as BulkMailEmployeeRow | undefined;
}
const SELECT_BULK_MAIL_EMPLOYEE = `SELECT ${BULK_MAIL_COLUMNS} FROM employees e WHERE e.id = :id`;

/** Taken by another employee, or by an administrator (one ログインID names one person, on either side). */
export function loginIdTaken(db: Database, loginId: string, exceptId: number | null): boolean {
  return stmt(db, `SELECT 1 FROM employees WHERE login_id = :loginId AND id IS NOT :exceptId
    UNION ALL SELECT 1 FROM administrators WHERE login_id = :loginId`).get({ loginId, exceptId }) !== undefined;
}

export function codeTaken(db: Database, code: string, exceptId: number | null): boolean {
  if (code === '') return false;
  return stmt(db, 'SELECT 1 FROM employees WHERE code = ? AND id IS NOT ?').get(code, exceptId) !== undefined;
}

export interface AddressHolder { id: number; lastName: string; firstName: string; loginId: string; key: string }

/**
 * Other employees that hold any of the given address keys, in any of their three slots. One
 * indexed join per slot (an OR across the three would scan the whole company for every key).
 */
const ADDRESS_HOLDERS = [1, 2, 3].map((n) => `
    SELECT e.id, e.last_name, e.first_name, e.login_id, k.value AS key
    FROM json_each(:keys) k JOIN employees e ON e.email${n}_key = k.value AND e.email${n} IS NOT NULL
    WHERE e.id IS NOT :exceptId`).join(' UNION ') + ' ORDER BY 1';

export function findAddressHolders(db: Database, keys: readonly string[], exceptId: number | null): AddressHolder[] {
  if (keys.length === 0) return [];
  const rows = stmt(db, ADDRESS_HOLDERS).all({ keys: JSON.stringify(keys), exceptId }) as {
    id: number; last_name: string; first_name: string; login_id: string; key: string;
  }[];
  return rows.map((r) => ({ id: r.id, lastName: r.last_name, firstName: r.first_name, loginId: r.login_id, key: r.key }));
}

/** Deletes the given employees except the 法人管理者; their links go with them (ON DELETE CASCADE). */
export function deleteEmployees(db: Database, ids: readonly number[]): number {
  return stmt(db, `
    DELETE FROM employees WHERE is_company_admin = 0 AND id IN (SELECT value FROM json_each(?))
  `).run(JSON.stringify(ids)).changes;
}

export function selectNames(db: Database, ids: readonly number[]): { id: number; isCompanyAdmin: boolean }[] {
  const rows = stmt(db, `
    SELECT id, is_company_admin FROM employees WHERE id IN (SELECT value FROM json_each(?))
  `).all(JSON.stringify(ids)) as { id: number; is_company_admin: number }[];
  return rows.map((r) => ({ id: r.id, isCompanyAdmin: r.is_company_admin === 1 }));
}

export function countEmployees(db: Database): number {
  return (stmt(db, 'SELECT count(*) AS n FROM employees').get() as { n: number }).n;
}

// ---- logins -------------------------------------------------------------------------

/** The two trust zones: the admin screens (the 法人管理者 only) and the LAN portal (every other employee). */
export type LoginZone = 'admin' | 'portal';

export interface Credentials {
  id: number; loginId: string; lastName: string; firstName: string; passwordHash: string | null; isCompanyAdmin: boolean;
}

const SELECT_CREDENTIALS = `SELECT id, login_id, last_name, first_name, password_hash, is_company_admin
  FROM employees WHERE login_id = ? AND is_company_admin = ?`;

/** The account behind a ログインID, in one zone only: the other zone's accounts do not exist here. */
export function selectCredentials(db: Database, zone: LoginZone, loginId: string): Credentials | undefined {
  const r = stmt(db, SELECT_CREDENTIALS).get(loginId, zone === 'admin' ? 1 : 0) as
    | { id: number; login_id: string; last_name: string; first_name: string; password_hash: string | null; is_company_admin: number }
    | undefined;
  return r && {
    id: r.id, loginId: r.login_id, lastName: r.last_name, firstName: r.first_name, passwordHash: r.password_hash,
    isCompanyAdmin: r.is_company_admin === 1,
  };
}

/** 前回ログイン日時 moves along. */
export function recordLogin(db: Database, id: number, now: number): void {
  stmt(db, 'UPDATE employees SET previous_login_at = last_login_at, last_login_at = ? WHERE id = ?').run(now, id);
}

export function selectCompanyAdmin(db: Database): { id: number; lastName: string; firstName: string } | undefined {
  const r = stmt(db, 'SELECT id, last_name, first_name FROM employees WHERE is_company_admin = 1 ORDER BY id LIMIT 1')
    .get() as { id: number; last_name: string; first_name: string } | undefined;
  return r && { id: r.id, lastName: r.last_name, firstName: r.first_name };
}

/**
 * The employees a CSV upload names, matched by 社員コード (exactly) or ログインID (ignoring case, as the
 * column does): found by index, so a file costs per row, not per employee of the company.
 */
export function selectByCodes(db: Database, codes: readonly string[]): { id: number; code: string }[] {
  return stmt(db, `SELECT id, code FROM employees WHERE code IN (SELECT value FROM json_each(?)) AND code <> ''`)
    .all(JSON.stringify(codes)) as { id: number; code: string }[];
}

export function selectByLoginIds(db: Database, loginIds: readonly string[]): { id: number; loginId: string }[] {
  return stmt(db, 'SELECT id, login_id AS loginId FROM employees WHERE login_id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(loginIds)) as { id: number; loginId: string }[];
}
