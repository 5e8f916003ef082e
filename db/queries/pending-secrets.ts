import { stmt } from '../statement-cache';
import type { Database } from 'better-sqlite3';

export type SecretKind = 'password' | 'passcode';
export type DeliveryEvent = 'pdfIssued' | 'linkVerified' | 'accountMailSent' | 'passcodeIssued';

export interface PendingSecret {
  employeeId: number; kind: SecretKind; deliveryId: string; hash: string; event: DeliveryEvent;
  linkId: number | null; historyId: number | null; runId: string; createdAt: number;
}

const COLUMNS = `employee_id AS employeeId, kind, delivery_id AS deliveryId, hash, event, link_id AS linkId,
  history_id AS historyId, run_id AS runId, created_at AS createdAt`;

export function insertPendingSecret(db: Database, p: PendingSecret): void {
  stmt(db, `INSERT INTO pending_secrets (employee_id, kind, delivery_id, hash, event, link_id, history_id, run_id, created_at)
    VALUES (@employeeId, @kind, @deliveryId, @hash, @event, @linkId, @historyId, @runId, @createdAt)`).run(p);
}

export function selectPendingSecret(db: Database, employeeId: number, kind: SecretKind, deliveryId: string): PendingSecret | undefined {
  return stmt(db, `SELECT ${COLUMNS} FROM pending_secrets WHERE employee_id = ? AND kind = ? AND delivery_id = ?`)
    .get(employeeId, kind, deliveryId) as PendingSecret | undefined;
}

/** Every pending secret of an employee (at most a few: one in flight, orphans of crashed runs). */
export function selectPendingSecrets(db: Database, employeeId: number, kind: SecretKind): PendingSecret[] {
  return stmt(db, `SELECT ${COLUMNS} FROM pending_secrets WHERE employee_id = ? AND kind = ? ORDER BY created_at DESC`)
    .all(employeeId, kind) as PendingSecret[];
}

/** A delivery of this run still on its way (another actor must wait for it). */
export function hasDeliveryInFlight(db: Database, employeeId: number, kind: SecretKind, runId: string): boolean {
  return stmt(db, 'SELECT 1 FROM pending_secrets WHERE employee_id = ? AND kind = ? AND run_id = ? LIMIT 1')
    .get(employeeId, kind, runId) !== undefined;
}

export function deletePendingSecret(db: Database, employeeId: number, kind: SecretKind, deliveryId: string): boolean {
  return stmt(db, 'DELETE FROM pending_secrets WHERE employee_id = ? AND kind = ? AND delivery_id = ?')
    .run(employeeId, kind, deliveryId).changes === 1;
}

/**
 * A delivery whose outcome cannot be known (the server fell silent after taking the message):
 * it stops being "in flight" — nothing waits for it — but its secret keeps working, like one a
 * crash left behind, until it is used or another one is put in force.
 */
export function releasePendingSecret(db: Database, employeeId: number, kind: SecretKind, deliveryId: string): void {
  stmt(db, `UPDATE pending_secrets SET run_id = 'uncertain' WHERE employee_id = ? AND kind = ? AND delivery_id = ?`)
    .run(employeeId, kind, deliveryId);
}

/** A new secret in force makes every other pending one of that kind void. */
export function deletePendingSecretsOf(db: Database, employeeId: number, kind: SecretKind): void {
  stmt(db, 'DELETE FROM pending_secrets WHERE employee_id = ? AND kind = ?').run(employeeId, kind);
}

/** Deliveries confirmed but not yet recorded (the database refused the confirmation): retried later. */
export function selectPendingOfDelivery(db: Database, deliveryId: string): PendingSecret[] {
  return stmt(db, `SELECT ${COLUMNS} FROM pending_secrets WHERE delivery_id = ?`).all(deliveryId) as PendingSecret[];
}
