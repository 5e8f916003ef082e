/**
 * The grid's work written plainly, for the bench's baseline: the same page, its total and the
 * company's counts from one static statement each — the five texts through LIKE '%…%', 認証状態
 * derived from the stored facts by a CASE, the counts a GROUP BY over it — with the indexes
 * migrations 001–011 made, and none of migration 012's (materialised expiry, maintained counts,
 * search indexes). This is what the product did before; it returns the same rows.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { GridSortKey } from '../../preload/domain-types';
import type { GridQuery } from '../../preload/schemas';

const VERIFICATION = `CASE
    WHEN e.password_status = 'unissued' THEN 'none'
    WHEN e.password_status = 'issued' THEN CASE WHEN e.issued_via = 'pdf' THEN 'na' ELSE 'done' END
    WHEN e.verified_at IS NOT NULL THEN 'verified'
    WHEN e.link_valid_until > :now THEN 'waiting'
    ELSE 'expired'
  END`;

const COLUMNS = `e.id, e.code, e.last_name, e.first_name, e.honorific, e.login_id, e.department,
  e.recorder_enabled, e.is_company_admin, e.password_status, e.passcode_status, e.issued_via,
  e.verified_at, e.link_sent_at, e.link_valid_until, e.last_login_at, e.email1, e.email2, e.email3, e.version,
  (e.locked_until > :now OR e.passcode_locked_until > :now) AS locked, ${VERIFICATION} AS verification`;

const SORT: Record<GridSortKey, string> = {
  code: 'e.code', name: 'e.last_name, e.first_name', loginId: 'e.login_id', department: 'e.department',
  recorder: 'e.recorder_enabled',
  password: `CASE password_status WHEN 'unissued' THEN 0 WHEN 'issuing' THEN 1 WHEN 'reissuing' THEN 2 ELSE 3 END`,
  verification: `CASE ${VERIFICATION} WHEN 'none' THEN 0 WHEN 'waiting' THEN 1 WHEN 'expired' THEN 2
    WHEN 'verified' THEN 3 WHEN 'done' THEN 4 ELSE 5 END`,
  passcode: 'e.passcode_status', lastLogin: 'e.last_login_at',
};

const WHERE = `
  (:like IS NULL OR e.code LIKE :like ESCAPE '\\' OR e.login_id LIKE :like ESCAPE '\\'
    OR e.department LIKE :like ESCAPE '\\' OR (e.last_name || ' ' || e.first_name) LIKE :like ESCAPE '\\'
    OR (e.last_name || e.first_name) LIKE :like ESCAPE '\\')
  AND (:password IS NULL OR e.password_status IN (SELECT value FROM json_each(:password)))
  AND (:passcode IS NULL OR e.passcode_status IN (SELECT value FROM json_each(:passcode)))
  AND (:verification IS NULL OR ${VERIFICATION} IN (SELECT value FROM json_each(:verification)))`;

/** The page, its total and the counts, the plain way (statements prepared once per database and text). */
export function plainGrid(db: Database, q: GridQuery, now: number): { rows: unknown[]; total: number; counts: unknown[] } {
  const list = (xs: readonly string[]) => (xs.length === 0 ? null : JSON.stringify(xs));
  const params = {
    now, like: q.text === '' ? null : `%${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    password: list(q.password), passcode: list(q.passcode), verification: list(q.verification),
  };
  const dir = q.direction === 'asc' ? 'ASC' : 'DESC';
  const order = SORT[q.sort].split(', ').map((c) => `${c} ${dir}`).join(', ');
  return db.transaction(() => {
    const total = (prepared(db, `SELECT count(*) AS n FROM employees e WHERE ${WHERE}`).get(params) as { n: number }).n;
    const page = Math.min(q.page, Math.max(1, Math.ceil(total / q.pageSize)));
    const rows = prepared(db, `SELECT ${COLUMNS} FROM employees e WHERE ${WHERE} ORDER BY ${order}, e.id ${dir} LIMIT :limit OFFSET :offset`)
      .all({ ...params, limit: q.pageSize, offset: (page - 1) * q.pageSize });
    return { rows, total, counts: plainCounts(db, now) };
  })();
}

/** The company's counts, the plain way: a GROUP BY over the derived 認証状態, two counts. */
export function plainCounts(db: Database, now: number): unknown[] {
  return [
    ...prepared(db, `SELECT ${VERIFICATION} AS v, count(*) AS n FROM employees e GROUP BY v`).all({ now }),
    prepared(db, `SELECT count(*) AS n FROM employees WHERE passcode_status = 'unissued'`).get(),
    prepared(db, `SELECT count(*) AS n FROM employees WHERE locked_until > :now OR passcode_locked_until > :now`).get({ now }),
  ];
}

const statements = new WeakMap<Database, Map<string, Statement>>();
function prepared(db: Database, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}
