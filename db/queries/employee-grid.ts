/**
 * The 社員情報管理 grid: one page of employees with filters, sort and paging, plus the
 * whole-company counts shown on the buttons and in the aggregate panel — at 200,000 employees
 * as at 20 (migration 012 holds the indexes, counts and search index this needs).
 *
 * Statements are built from fixed pieces only (the filters that are on, a whitelisted sort, a
 * direction); every value is a parameter. Each page is found in one of three ways, chosen by how
 * many rows the filters leave (known first, from the maintained counts or a search index):
 * - many (or no filter): walk the sort's index and test each row, stopping after the page —
 *   the filter terms are written `+column` so SQLite cannot lead with their indexes, and the text
 *   is looked for in the row itself;
 * - many, but deep into them (thousands of rows to walk): the same walk, the text tested against
 *   the search index's rows, taken once;
 * - few: lead with the filter's index (or the search index) and sort those few rows — the sort
 *   is written `+column` so SQLite cannot walk its index past thousands of rows that do not match.
 * Free text: three characters or more through the trigram index, one or two through the index of
 * characters and pairs (migration 012); both give exactly the rows LIKE '%…%' would.
 */
import { stmt } from '../statement-cache';
import type { Database } from 'better-sqlite3';
import type { GridSortKey, VerificationStatus } from '../../preload/domain-types';
import { VERIFICATION_STATUSES } from '../../preload/domain-types';
import type { GridQuery } from '../../preload/schemas';
import { EMPLOYEE_COLUMNS, type EmployeeDbRow } from './employee-columns';

export const GRID_PLAN = {
  /** Up to this many matching rows, a page leads with the filter and sorts them (a few milliseconds). */
  fewRows: 2_000,
  /** A walk that tests the text in each row stops being cheaper than taking the index's rows once about here. */
  rowsToTestInPlace: 20_000,
};

// indexed as employees_password_order (migration 005): keep the two texts identical
const PASSWORD_ORDER = `CASE password_status WHEN 'unissued' THEN 0 WHEN 'issuing' THEN 1 WHEN 'reissuing' THEN 2 ELSE 3 END`;

/** Each sort's columns (`true`: in the opposite direction), then e.id; each list is an index (migrations 001, 005, 010). */
const SORT_COLUMNS: Record<GridSortKey, [string, boolean?][]> = {
  code: [['e.code']],
  name: [['e.last_name'], ['e.first_name']],
  loginId: [['e.login_id']],
  department: [['e.department']],
  recorder: [['e.recorder_enabled']],
  password: [[PASSWORD_ORDER]],
  // 未発行/未, 認証待ち, 有効期限切れ, 認証済, 済, -: an open link's latest expiry first puts 認証待ち before 有効期限切れ
  verification: [['e.verification_order'], ['e.open_until', true]],
  passcode: [['e.passcode_status']],
  lastLogin: [['e.last_login_at']],
};

/** 認証状態 as the stored order (migration 012); 認証待ち and 有効期限切れ share 1 and differ by time. */
const VERIFICATION_ORDER: Record<Exclude<VerificationStatus, 'waiting' | 'expired'>, number> = {
  none: 0, verified: 3, done: 4, na: 5,
};
const OPEN = 1;

type Mode = 'walk' | 'walkWithSet' | 'lead';

interface Filters {
  password: string | null;
  passcode: string | null;
  /** the stored orders asked for (with OPEN when both 認証待ち and 有効期限切れ are), and either of the two alone */
  verification: { orders: string; waiting: boolean; expired: boolean } | null;
  /** the text as search_text holds it; the index that finds it and the query it takes */
  text: { needle: string; index: 'employee_search' | 'employee_search_grams'; match: string } | null;
  /** 「送信エラー」 (migration 011's mail_bounce_marks): employees whose latest mail came back */
  mailError: boolean;
}

/** LIKE folds ASCII letters only, and so does SQLite's lower() (migration 012's search_text). */
const foldLikeLike = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

function filtersOf(q: Pick<GridQuery, 'text' | 'password' | 'passcode' | 'verification' | 'mailError'>): Filters {
  const list = (xs: readonly string[]) => (xs.length === 0 ? null : JSON.stringify(xs));
  let verification: Filters['verification'] = null;
  if (q.verification.length > 0) {
    const waiting = q.verification.includes('waiting');
    const expired = q.verification.includes('expired');
    const orders = q.verification.flatMap((v) => (v === 'waiting' || v === 'expired' ? [] : [VERIFICATION_ORDER[v]]));
    if (waiting && expired) orders.push(OPEN);
    verification = { orders: JSON.stringify(orders), waiting: waiting && !expired, expired: expired && !waiting };
  }
  let text: Filters['text'] = null;
  if (q.text !== '') {
    const needle = foldLikeLike(q.text);
    text = [...needle].length >= 3
      ? { needle, index: 'employee_search', match: `"${needle.replace(/"/g, '""')}"` }
      : { needle, index: 'employee_search_grams', match: `"${Buffer.from(needle, 'utf8').toString('hex')}"` };
  }
  return { password: list(q.password), passcode: list(q.passcode), verification, text, mailError: q.mailError === true };
}

const hasFilter = (f: Filters) => f.password !== null || f.passcode !== null || f.verification !== null || f.text !== null || f.mailError;

/** The WHERE clause of the filters that are on; a walk keeps SQLite from leading with their indexes. */
function whereSql(f: Filters, mode: Mode): string {
  const c = (column: string) => (mode === 'lead' ? column : `+${column}`);
  const terms: string[] = [];
  if (f.password !== null) terms.push(`${c('e.password_status')} IN (SELECT value FROM json_each(:password))`);
  if (f.passcode !== null) terms.push(`${c('e.passcode_status')} IN (SELECT value FROM json_each(:passcode))`);
  if (f.verification !== null) {
    const parts = [`${c('e.verification_order')} IN (SELECT value FROM json_each(:orders))`];
    if (f.verification.waiting) parts.push(`(${c('e.verification_order')} = ${OPEN} AND ${c('e.open_until')} > :now)`);
    if (f.verification.expired) parts.push(`(${c('e.verification_order')} = ${OPEN} AND ${c('e.open_until')} <= :now)`);
    terms.push(`(${parts.join(' OR ')})`);
  }
  if (f.text !== null) {
    terms.push(mode === 'walk'
      ? 'instr(e.search_text, :needle) > 0'
      : `${c('e.id')} IN (SELECT rowid FROM ${f.text.index} WHERE ${f.text.index} MATCH :match)`);
  }
  if (f.mailError) terms.push(`${c('e.id')} IN (SELECT employee_id FROM mail_bounce_marks WHERE kind = 'failed')`);
  return terms.length === 0 ? '1' : terms.join(' AND ');
}

function paramsOf(f: Filters, now: number): Record<string, unknown> {
  const p: Record<string, unknown> = { now };
  if (f.password !== null) p.password = f.password;
  if (f.passcode !== null) p.passcode = f.passcode;
  if (f.verification !== null) p.orders = f.verification.orders;
  if (f.text !== null) Object.assign(p, { needle: f.text.needle, match: f.text.match });
  return p;
}

function orderSql(sort: GridSortKey, direction: 'asc' | 'desc', mode: Mode): string {
  const dir = (reversed?: boolean) => ((direction === 'asc') !== Boolean(reversed) ? 'ASC' : 'DESC');
  const columns = SORT_COLUMNS[sort].map(([column, reversed], i) =>
    `${mode === 'lead' && i === 0 ? `+(${column})` : column} ${dir(reversed)}`);
  return [...columns, `e.id ${dir()}`].join(', ');
}

const COUNT_BY_STATUS = `SELECT coalesce(sum(n), 0) AS n FROM employee_status_counts c
  WHERE (:password IS NULL OR c.password_status IN (SELECT value FROM json_each(:password)))
    AND (:passcode IS NULL OR c.passcode_status IN (SELECT value FROM json_each(:passcode)))
    AND (:orders IS NULL OR c.verification_order IN (SELECT value FROM json_each(:orders)))`;
/** 認証待ち or 有効期限切れ alone: a range of employees_verification (migration 012). */
const countOpen = (op: '>' | '<=') => `SELECT count(*) AS n FROM employees e
  WHERE e.verification_order = ${OPEN} AND e.open_until ${op} :now
    AND (:password IS NULL OR e.password_status IN (SELECT value FROM json_each(:password)))
    AND (:passcode IS NULL OR e.passcode_status IN (SELECT value FROM json_each(:passcode)))`;
const COUNT_WAITING = countOpen('>');
const COUNT_EXPIRED = countOpen('<=');

const count = (db: Database, sql: string, params: Record<string, unknown>) => (stmt(db, sql).get(params) as { n: number }).n;

/** How many employees the filters select: from the maintained counts where it can, else through an index. */
function countMatching(db: Database, f: Filters, now: number): number {
  if (f.mailError) return count(db, `SELECT count(*) AS n FROM employees e WHERE ${whereSql(f, 'lead')}`, paramsOf(f, now));
  if (f.text === null) {
    const p = { now, password: f.password, passcode: f.passcode, orders: f.verification?.orders ?? null };
    let n = count(db, COUNT_BY_STATUS, p);
    if (f.verification?.waiting) n += count(db, COUNT_WAITING, p);
    if (f.verification?.expired) n += count(db, COUNT_EXPIRED, p);
    return n;
  }
  if (f.password === null && f.passcode === null && f.verification === null) {
    return count(db, `SELECT count(*) AS n FROM ${f.text.index} WHERE ${f.text.index} MATCH :match`, { match: f.text.match });
  }
  return count(db, `SELECT count(*) AS n FROM employees e WHERE ${whereSql(f, 'lead')}`, paramsOf(f, now));
}

const EMPLOYEES = 'SELECT coalesce(sum(n), 0) AS n FROM employee_status_counts';

/** How to find `rowsWanted` (the page and those before it) of the `total` rows the filters select. */
function modeFor(db: Database, f: Filters, total: number, rowsWanted: number): Mode {
  if (!hasFilter(f)) return 'walk';
  if (total <= GRID_PLAN.fewRows) return 'lead';
  // a walk meets a matching row every employees/total rows
  const rowsToWalk = (rowsWanted * count(db, EMPLOYEES, {})) / total;
  return f.text !== null && rowsToWalk > GRID_PLAN.rowsToTestInPlace ? 'walkWithSet' : 'walk';
}

export interface GridPageRows { rows: EmployeeDbRow[]; total: number; page: number }

export function selectGridPage(db: Database, q: GridQuery, now: number): GridPageRows {
  const f = filtersOf(q);
  const total = countMatching(db, f, now);
  // A page past the end (rows deleted meanwhile) shows the last page instead of nothing.
  const lastPage = Math.max(1, Math.ceil(total / q.pageSize));
  const page = Math.min(q.page, lastPage);
  if (total === 0) return { rows: [], total, page };
  const offset = (page - 1) * q.pageSize;
  const mode = modeFor(db, f, total, offset + q.pageSize);
  const rows = stmt(db, pageSql(f, mode, q.sort, q.direction))
    .all({ ...paramsOf(f, now), limit: q.pageSize, offset }) as EmployeeDbRow[];
  return { rows, total, page };
}

const pageSql = (f: Filters, mode: Mode, sort: GridSortKey, direction: 'asc' | 'desc') =>
  `SELECT ${EMPLOYEE_COLUMNS} FROM employees e WHERE ${whereSql(f, mode)}
      ORDER BY ${orderSql(sort, direction, mode)} LIMIT :limit OFFSET :offset`;

/** The page of the whole grid, unfiltered, as selectGridPage asks for it (the query-plan test). */
export const gridPageSql = (sort: GridSortKey, direction: 'asc' | 'desc'): string =>
  pageSql({ password: null, passcode: null, verification: null, text: null, mailError: false }, 'walk', sort, direction);

export interface CompanyCounts {
  passcodeUnissued: number;
  verification: Record<VerificationStatus, number>;
  /** employees whose login or kiosk passcode is locked now (「すべてロック解除」) */
  locked: number;
  /** employees whose latest mail came back undelivered (「送信エラー: N件」) */
  bounced: number;
}

/** The whole company's counts: sums of the maintained counts, and one index range for 認証待ち. */
export function selectCompanyCounts(db: Database, now: number): CompanyCounts {
  const verification = Object.fromEntries(VERIFICATION_STATUSES.map((s) => [s, 0])) as Record<VerificationStatus, number>;
  const byOrder = stmt(db, 'SELECT verification_order AS o, sum(n) AS n FROM employee_status_counts GROUP BY o')
    .all() as { o: number; n: number }[];
  const status = Object.fromEntries(Object.entries(VERIFICATION_ORDER).map(([s, o]) => [o, s])) as Record<number, VerificationStatus>;
  let open = 0;
  for (const r of byOrder) {
    if (r.o === OPEN) open = r.n;
    else verification[status[r.o]!] = r.n;
  }
  verification.waiting = count(db, COUNT_WAITING, { now, password: null, passcode: null });
  verification.expired = open - verification.waiting;
  const passcodeUnissued = count(db, `SELECT coalesce(sum(n), 0) AS n FROM employee_status_counts WHERE passcode_status = 'unissued'`, {});
  const locked = count(db, `SELECT count(*) AS n FROM employees WHERE locked_until > :now OR passcode_locked_until > :now`, { now });
  const bounced = count(db, `SELECT count(*) AS n FROM mail_bounce_marks WHERE kind = 'failed'`, {});
  return { passcodeUnissued, verification, locked, bounced };
}

/** Every employee the grid's filters select, in 社員コード order (for the CSV download). */
export function selectGridAll(db: Database, q: Pick<GridQuery, 'text' | 'password' | 'passcode' | 'verification' | 'mailError'>, now: number): EmployeeDbRow[] {
  const f = filtersOf(q);
  const total = hasFilter(f) ? countMatching(db, f, now) : 0;
  const mode = modeFor(db, f, total, total);
  return stmt(db, `SELECT ${EMPLOYEE_COLUMNS} FROM employees e WHERE ${whereSql(f, mode)} ORDER BY ${orderSql('code', 'asc', mode)}`)
    .all(paramsOf(f, now)) as EmployeeDbRow[];
}
