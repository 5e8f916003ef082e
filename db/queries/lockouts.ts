import { stmt } from '../statement-cache';
import type { Database } from 'better-sqlite3';

/**
 * Lockouts decided atomically in SQL. A secret check (a login, a current-password check, a
 * kiosk passcode) first takes an attempt from the account's budget in ONE statement, before the
 * slow hash is verified: a burst of parallel guesses gets at most `maxFailures` verifications,
 * whatever the concurrency. Then the outcome is recorded, again in one statement each, never
 * from a value read before an await.
 *
 * The counter counts attempts taken since the last success (in flight or failed). A lock that
 * has expired starts a fresh count.
 */
export interface LockCounter {
  failures: 'failed_logins' | 'passcode_failures';
  lockedUntil: 'locked_until' | 'passcode_locked_until';
  /** whose: an employee's (the 法人管理者 included), or a ユーザー管理者's (migration 010) — same columns, same statements */
  table?: 'employees' | 'administrators';
}

export const LOGIN_COUNTER: LockCounter = { failures: 'failed_logins', lockedUntil: 'locked_until' };
export const PASSCODE_COUNTER: LockCounter = { failures: 'passcode_failures', lockedUntil: 'passcode_locked_until' };
/** a ユーザー管理者's admin login (administrators.failed_logins, .locked_until) */
export const ADMINISTRATOR_LOGIN_COUNTER: LockCounter = { failures: 'failed_logins', lockedUntil: 'locked_until', table: 'administrators' };

export interface LockPolicy { maxFailures: number; lockMs: number }

/** SQL texts built once per counter (a template per call would be hashed anew for the statement cache). */
const sql = (c: LockCounter) => {
  const table = c.table ?? 'employees';
  const expired = `(${c.lockedUntil} IS NOT NULL AND ${c.lockedUntil} <= :now)`;
  return {
    // an attempt beyond the budget locks at once (it also repairs a count a crash left without its lock)
    begin: `UPDATE ${table} SET
        ${c.failures} = CASE WHEN ${expired} THEN 1 ELSE ${c.failures} + 1 END,
        ${c.lockedUntil} = CASE WHEN ${expired} THEN NULL
          WHEN ${c.failures} + 1 > :max THEN :now + :lockMs ELSE ${c.lockedUntil} END
      WHERE id = :id AND (${c.lockedUntil} IS NULL OR ${expired})
      RETURNING ${c.failures} AS attempt, ${c.lockedUntil} AS lockedUntil`,
    fail: `UPDATE ${table} SET ${c.lockedUntil} = CASE
          WHEN (${c.lockedUntil} IS NULL OR ${expired}) AND ${c.failures} >= :max THEN :now + :lockMs
          ELSE ${c.lockedUntil} END
      WHERE id = :id RETURNING ${c.lockedUntil} AS lockedUntil`,
    // a success counts only while the account is not locked (a parallel attempt may have locked it)
    succeed: `UPDATE ${table} SET ${c.failures} = 0
      WHERE id = :id AND (${c.lockedUntil} IS NULL OR ${c.lockedUntil} <= :now) RETURNING id`,
    isLocked: `SELECT ${c.lockedUntil} AS u FROM ${table} WHERE id = ?`,
  };
};
const texts = new Map<LockCounter, ReturnType<typeof sql>>([LOGIN_COUNTER, PASSCODE_COUNTER, ADMINISTRATOR_LOGIN_COUNTER].map((c) => [c, sql(c)]));
const textsOf = (c: LockCounter) => texts.get(c)!;

/**
 * Takes one attempt from the budget: 'allowed' to verify the secret, 'refused' (locked, or the
 * budget is used up by attempts still in flight), or 'lockedNow' — refused, and this attempt,
 * one beyond the budget, is what locked the account.
 */
export function beginAttempt(db: Database, c: LockCounter, id: number, now: number, p: LockPolicy): 'allowed' | 'refused' | 'lockedNow' {
  const r = stmt(db, textsOf(c).begin).get({ id, now, max: p.maxFailures, lockMs: p.lockMs }) as
    | { attempt: number; lockedUntil: number | null } | undefined;
  if (r === undefined) return 'refused'; // locked already: the row was not touched
  if (r.lockedUntil !== null) return 'lockedNow';
  return r.attempt <= p.maxFailures ? 'allowed' : 'refused';
}

/** A wrong secret: locks when the budget is used up. Returns true when this failure locked the account. */
export function recordFailure(db: Database, c: LockCounter, id: number, now: number, p: LockPolicy): boolean {
  const wasLocked = isLocked(db, c, id, now);
  const r = stmt(db, textsOf(c).fail).get({ id, now, max: p.maxFailures, lockMs: p.lockMs }) as { lockedUntil: number | null } | undefined;
  return !wasLocked && r !== undefined && r.lockedUntil !== null && r.lockedUntil > now;
}

/** The right secret: the count starts again, unless the account was locked meanwhile (then false). */
export function recordSuccess(db: Database, c: LockCounter, id: number, now: number): boolean {
  return stmt(db, textsOf(c).succeed).get({ id, now }) !== undefined;
}

export function isLocked(db: Database, c: LockCounter, id: number, now: number): boolean {
  const r = stmt(db, textsOf(c).isLocked).get(id) as { u: number | null } | undefined;
  return r !== undefined && r.u !== null && r.u > now;
}

/** 「ロック解除」 of one employee: the login and the kiosk passcode both open again. */
export function unlockEmployee(db: Database, id: number, now: number): boolean {
  return stmt(db, `UPDATE employees SET failed_logins = 0, locked_until = NULL, passcode_failures = 0,
    passcode_locked_until = NULL, updated_at = ? WHERE id = ?`).run(now, id).changes === 1;
}

/** 「すべてロック解除」: every lock and every count of failures lifted at once. */
export function unlockEveryone(db: Database, now: number): void {
  stmt(db, `UPDATE employees SET failed_logins = 0, locked_until = NULL, passcode_failures = 0,
    passcode_locked_until = NULL, updated_at = :now
    WHERE locked_until > :now OR passcode_locked_until > :now OR failed_logins > 0 OR passcode_failures > 0`)
    .run({ now });
}

/** The ids of employees locked now (for the 操作ログ of 「すべてロック解除」). */
export function selectLockedIds(db: Database, now: number): number[] {
  return (stmt(db, 'SELECT id FROM employees WHERE locked_until > :now OR passcode_locked_until > :now ORDER BY id')
    .all({ now }) as { id: number }[]).map((r) => r.id);
}
