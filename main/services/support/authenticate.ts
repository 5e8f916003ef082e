import type { Database } from 'better-sqlite3';
import {
  recordLoginFailure, recordLoginSuccess, selectCredentials, type Credentials,
} from '../../../db/queries/employees';
import type { Clock } from './clock';
import { verifySecret } from './secret-hasher';

export const LOGIN_LOCK = { maxFailures: 5, lockMs: 15 * 60_000 } as const;

/**
 * Checks a ログインID and password for the admin screens and the portal alike. An unknown
 * ID, a wrong password and a locked account look the same to the caller and take as long.
 * After LOGIN_LOCK.maxFailures wrong passwords the account is locked for a while.
 */
export async function authenticate(
  db: Database, clock: Clock, loginId: string, password: string, allowed: (c: Credentials) => boolean,
): Promise<Credentials | null> {
  const now = clock.now();
  const cred = selectCredentials(db, loginId);
  const passwordOk = await verifySecret(cred?.passwordHash ?? null, password);
  const locked = cred?.lockedUntil != null && cred.lockedUntil > now;
  if (!cred || locked || !passwordOk || !allowed(cred)) {
    if (cred && !locked && !passwordOk) {
      const lockedUntil = cred.failedLogins + 1 >= LOGIN_LOCK.maxFailures ? now + LOGIN_LOCK.lockMs : null;
      recordLoginFailure(db, cred.id, lockedUntil);
    }
    return null;
  }
  recordLoginSuccess(db, cred.id, now);
  return cred;
}
