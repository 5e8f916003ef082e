import { stmt } from '../statement-cache';
import type { Database } from 'better-sqlite3';
import { fullName } from '../../preload/domain-types';

export type PunchKind = 'in' | 'out';
export interface PunchRow { kind: PunchKind; at: number; source: 'portal' | 'kiosk' }

/** Records a punch once per request id; returns the punch stored under that id (new or earlier). */
export function insertPunchOnce(
  db: Database, p: { employeeId: number; kind: PunchKind; at: number; source: 'portal' | 'kiosk'; requestId: string },
): { punch: PunchRow; employeeId: number; duplicate: boolean } {
  const inserted = stmt(db, `INSERT INTO punches (employee_id, kind, at, source, request_id)
    VALUES (@employeeId, @kind, @at, @source, @requestId) ON CONFLICT (request_id) DO NOTHING`).run(p).changes === 1;
  const row = stmt(db, 'SELECT employee_id AS employeeId, kind, at, source FROM punches WHERE request_id = ?').get(p.requestId) as
    PunchRow & { employeeId: number };
  return { punch: { kind: row.kind, at: row.at, source: row.source }, employeeId: row.employeeId, duplicate: !inserted };
}

export function selectPunchesBetween(db: Database, employeeId: number, from: number, to: number): PunchRow[] {
  return stmt(db, `SELECT kind, at, source FROM punches WHERE employee_id = ? AND at >= ? AND at < ? ORDER BY at, id`)
    .all(employeeId, from, to) as PunchRow[];
}

export interface KioskCredentials { id: number; name: string; passcodeHash: string | null }

/** The kiosk accepts 社員コード or ログインID; a code wins when both could match. */
export function selectKioskCredentials(db: Database, identifier: string): KioskCredentials | undefined {
  const r = stmt(db, `SELECT id, last_name, first_name, passcode_hash FROM employees
    WHERE (code = :id AND code <> '') OR login_id = :id
    ORDER BY CASE WHEN code = :id THEN 0 ELSE 1 END LIMIT 1`).get({ id: identifier }) as
    | { id: number; last_name: string; first_name: string; passcode_hash: string | null }
    | undefined;
  return r && { id: r.id, name: fullName(r.last_name, r.first_name), passcodeHash: r.passcode_hash };
}
