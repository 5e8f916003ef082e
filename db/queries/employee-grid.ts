/**
 * The 社員情報管理 grid: one page of employees with filters, sort and paging, plus the
 * whole-company counts shown on the buttons and in the aggregate panel. The WHERE clause
 * is static (a NULL parameter means "no filter"); ORDER BY comes from a fixed whitelist.
 */
import { stmt } from '../statement-cache';
import type { Database, Statement } from 'better-sqlite3';
import type { GridSortKey, VerificationStatus } from '../../preload/domain-types';
import { VERIFICATION_STATUSES } from '../../preload/domain-types';
import type { GridQuery } from '../../preload/schemas';
import { EMPLOYEE_COLUMNS, VERIFICATION_SQL, type EmployeeDbRow } from './employee-columns';

const SORT_SQL: Record<GridSortKey, string> = {
  code: 'e.code',
  name: 'e.last_name, e.first_name',
  loginId: 'e.login_id',
  department: 'e.department',
  recorder: 'e.recorder_enabled',
  // indexed as employees_password_order (migration 005): keep the two texts identical
  password: `CASE password_status WHEN 'unissued' THEN 0 WHEN 'issuing' THEN 1 WHEN 'reissuing' THEN 2 ELSE 3 END`,
  verification: `CASE ${VERIFICATION_SQL} WHEN 'none' THEN 0 WHEN 'waiting' THEN 1 WHEN 'expired' THEN 2
    WHEN 'verified' THEN 3 WHEN 'done' THEN 4 ELSE 5 END`,
  passcode: 'e.passcode_status',
  lastLogin: 'e.last_login_at',
};

const WHERE_SQL = `
  (:like IS NULL OR e.code LIKE :like ESCAPE '\\' OR e.login_id LIKE :like ESCAPE '\\'
    OR e.department LIKE :like ESCAPE '\\' OR (e.last_name || ' ' || e.first_name) LIKE :like ESCAPE '\\'
    OR (e.last_name || e.first_name) LIKE :like ESCAPE '\\')
  AND (:password IS NULL OR e.password_status IN (SELECT value FROM json_each(:password)))
  AND (:passcode IS NULL OR e.passcode_status IN (SELECT value FROM json_each(:passcode)))
  AND (:verification IS NULL OR ${VERIFICATION_SQL} IN (SELECT value FROM json_each(:verification)))
  AND (:mailError IS NULL OR e.id IN (SELECT employee_id FROM mail_bounce_marks WHERE kind = 'failed'))`;

/** ORDER BY from the whitelist only: a fixed set of statement texts (exported for the query-plan test). */
export function gridPageSql(sort: GridSortKey, direction: 'asc' | 'desc'): string {
  const dir = direction === 'asc' ? 'ASC' : 'DESC';
  const order = SORT_SQL[sort].split(', ').map((c) => `${c} ${dir}`).join(', ');
  return `SELECT ${EMPLOYEE_COLUMNS} FROM employees e WHERE ${WHERE_SQL}
      ORDER BY ${order}, e.id ${dir} LIMIT :limit OFFSET :offset`;
}

/** Each text prepared once. */
function pageStatement(db: Database, sort: GridSortKey, direction: 'asc' | 'desc'): Statement {
  return stmt(db, gridPageSql(sort, direction));
}

function likePattern(text: string): string | null {
  if (text === '') return null;
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filterParams(q: GridQuery, now: number) {
  const list = (xs: readonly string[]) => (xs.length === 0 ? null : JSON.stringify(xs));
  return {
    now,
    like: likePattern(q.text),
    password: list(q.password),
    passcode: list(q.passcode),
    verification: list(q.verification),
    // 「送信エラー」 (migration 011's mail_bounce_marks): employees whose latest mail came back
    mailError: q.mailError ? 1 : null,
  };
}

export interface GridPageRows { rows: EmployeeDbRow[]; total: number; page: number }

export function selectGridPage(db: Database, q: GridQuery, now: number): GridPageRows {
  const params = filterParams(q, now);
  const total = (stmt(db, `SELECT count(*) AS n FROM employees e WHERE ${WHERE_SQL}`).get(params) as { n: number }).n;
  // A page past the end (rows deleted meanwhile) shows the last page instead of nothing.
  const lastPage = Math.max(1, Math.ceil(total / q.pageSize));
  const page = Math.min(q.page, lastPage);
  const rows = pageStatement(db, q.sort, q.direction).all({
    ...params, limit: q.pageSize, offset: (page - 1) * q.pageSize,
  }) as EmployeeDbRow[];
  return { rows, total, page };
}

export interface CompanyCounts {
  passcodeUnissued: number;
  verification: Record<VerificationStatus, number>;
  /** employees whose login or kiosk passcode is locked now (「すべてロック解除」) */
  locked: number;
  /** employees whose latest mail came back undelivered (「送信エラー: N件」) */
  bounced: number;
}

export function selectCompanyCounts(db: Database, now: number): CompanyCounts {
  const verification = Object.fromEntries(VERIFICATION_STATUSES.map((s) => [s, 0])) as Record<VerificationStatus, number>;
  const rows = stmt(db, `SELECT ${VERIFICATION_SQL} AS v, count(*) AS n FROM employees e GROUP BY v`)
    .all({ now }) as { v: VerificationStatus; n: number }[];
  for (const r of rows) verification[r.v] = r.n;
  const passcodeUnissued = (stmt(db, `SELECT count(*) AS n FROM employees WHERE passcode_status = 'unissued'`)
    .get() as { n: number }).n;
  const locked = (stmt(db, `SELECT count(*) AS n FROM employees WHERE locked_until > :now OR passcode_locked_until > :now`)
    .get({ now }) as { n: number }).n;
  const bounced = (stmt(db, `SELECT count(*) AS n FROM mail_bounce_marks WHERE kind = 'failed'`).get() as { n: number }).n;
  return { passcodeUnissued, verification, locked, bounced };
}

/** Every employee the grid's filters select, in 社員コード order (for the CSV download). */
export function selectGridAll(db: Database, q: Pick<GridQuery, 'text' | 'password' | 'passcode' | 'verification' | 'mailError'>, now: number): EmployeeDbRow[] {
  return stmt(db, `SELECT ${EMPLOYEE_COLUMNS} FROM employees e WHERE ${WHERE_SQL} ORDER BY e.code, e.id`)
    .all(filterParams({ ...q, page: 1, pageSize: 100, sort: 'code', direction: 'asc' }, now)) as EmployeeDbRow[];
}
