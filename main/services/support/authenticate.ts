import type { Database } from 'better-sqlite3';
import { recordLogin, selectCredentials, type Credentials, type LoginZone } from '../../../db/queries/employees';
import { beginAttempt, LOGIN_COUNTER, recordFailure, recordSuccess, type LockCounter, type LockPolicy } from '../../../db/queries/lockouts';
import { deletePortalSessionsOf } from '../../../db/queries/portal-sessions';
import type { Clock } from './clock';
import { answerLikeAVerify, verifySecret } from './secret-hasher';

export const LOGIN_LOCK: LockPolicy = { maxFailures: 5, lockMs: 15 * 60_000 };

export type { LoginZone };

/**
 * Checks one secret of one account against the lockout, atomically: the attempt is taken from the
 * account's budget before the slow hash is verified, and the outcome recorded after — each one
 * SQL statement, so a parallel burst gets no more than the budget's verifications.
 * `check` verifies the secret (it may try more than one hash: a pending one, see account-transitions).
 * Returns whether the secret was right and the account not locked meanwhile.
 */
export async function checkWithLockout(
  db: Database, clock: Clock, counter: LockCounter, policy: LockPolicy, employeeId: number,
  check: () => Promise<boolean>, onLocked: () => void,
): Promise<boolean> {
  const attempt = beginAttempt(db, counter, employeeId, clock.now(), policy);
  if (attempt !== 'allowed') {
    if (attempt === 'lockedNow') onLocked();
    await answerLikeAVerify(); // a locked account answers as slowly as a wrong password
    return false;
  }
  const right = await check();
  const now = clock.now();
  if (!right) {
    if (recordFailure(db, counter, employeeId, now, policy)) onLocked();
    return false;
  }
  return recordSuccess(db, counter, employeeId, now);
}

/**
 * A ログインID and password for one trust zone: the admin screens accept only the 法人管理者,
 * the LAN portal only the other employees — so no wrong portal login can lock (or even reach)
 * the administrator's account. An unknown ID, a wrong password and a locked account look the
 * same to the caller and take as long. A lock ends the account's portal sessions.
 */
export async function authenticate(
  db: Database, clock: Clock, zone: LoginZone, loginId: string, password: string,
  verify: (cred: Credentials, password: string) => Promise<boolean> = (c, p) => verifySecret(c.passwordHash, p),
): Promise<Credentials | null> {
  const cred = selectCredentials(db, zone, loginId);
  if (!cred) {
    await answerLikeAVerify();
    return null;
  }
  const ok = await checkWithLockout(db, clock, LOGIN_COUNTER, LOGIN_LOCK, cred.id, () => verify(cred, password),
    () => deletePortalSessionsOf(db, cred.id));
  if (!ok) return null;
  recordLogin(db, cred.id, clock.now());
  return cred;
}
