import type { Database } from 'better-sqlite3';
import { stmt } from '../statement-cache';

export interface AuditTarget { id: number; name: string; loginId: string }
export interface AuditRow { id: number; at: number; actor: string; action: string; targets: AuditTarget[]; result: 'ok' | 'error'; detail: string }

export function insertAudit(db: Database, e: Omit<AuditRow, 'id'>): void {
  stmt(db, `INSERT INTO audit_log (at, actor, action, targets, result, detail) VALUES (@at, @actor, @action, @targets, @result, @detail)`)
    .run({ ...e, targets: JSON.stringify(e.targets) });
}

export interface AuditFilter { from: number | null; to: number | null; action: string | null; employee: string | null; limit: number; offset: number }

const WHERE = `(:from IS NULL OR at >= :from) AND (:to IS NULL OR at < :to) AND (:action IS NULL OR action = :action)
  AND (:employee IS NULL OR EXISTS (SELECT 1 FROM json_each(targets) t
    WHERE json_extract(t.value, '$.name') LIKE :employee ESCAPE '\\' OR json_extract(t.value, '$.loginId') LIKE :employee ESCAPE '\\'))`;

export function selectAudit(db: Database, f: AuditFilter): { rows: AuditRow[]; total: number } {
  const params = { ...f, employee: f.employee === null ? null : `%${f.employee.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
  const total = (stmt(db, `SELECT count(*) AS n FROM audit_log WHERE ${WHERE}`).get(params) as { n: number }).n;
  const rows = (stmt(db, `SELECT id, at, actor, action, targets, result, detail FROM audit_log WHERE ${WHERE}
    ORDER BY at DESC, id DESC LIMIT :limit OFFSET :offset`).all(params) as (Omit<AuditRow, 'targets'> & { targets: string })[])
    .map((r) => ({ ...r, targets: JSON.parse(r.targets) as AuditTarget[] }));
  return { rows, total };
}

export type RawAuditRow = { id: number; at: number; actor: string; action: string; targets: string; result: string; detail: string };

export function selectAllAudit(db: Database): RawAuditRow[] {
  return stmt(db, 'SELECT id, at, actor, action, targets, result, detail FROM audit_log ORDER BY id').all() as RawAuditRow[];
}

/** The log is append-only: a backup holds a prefix of it, so the rows it lacks go back under their own ids. */
export function reinsertAudit(db: Database, rows: RawAuditRow[]): void {
  const insert = stmt(db, `INSERT OR IGNORE INTO audit_log (id, at, actor, action, targets, result, detail)
    VALUES (@id, @at, @actor, @action, @targets, @result, @detail)`);
  db.transaction(() => rows.forEach((r) => insert.run(r)))();
}
