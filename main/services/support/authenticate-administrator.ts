import type { Database } from 'better-sqlite3';
import { recordAdministratorLogin, selectAdministratorByLoginId, type AdministratorDbRow } from '../../../db/queries/administrators';
import { ADMINISTRATOR_LOGIN_COUNTER } from '../../../db/queries/lockouts';
import { checkWithLockout, LOGIN_LOCK } from './authenticate';
import type { Clock } from './clock';
import { answerLikeAVerify, verifySecret } from './secret-hasher';

/**
 * A ユーザー管理者's login to the admin screens: the same lockout as every login (an attempt taken
 * from the account's budget in SQL before the slow hash; 5 wrong passwords lock it for 15
 * minutes), on the administrators table. A disabled account answers exactly as an unknown ID
 * does, and counts nothing. Only the admin side calls this: the portal never reads the table.
 * A lock does not end the administrator's open sessions (a guesser on the LAN could otherwise
 * throw a working administrator out at will).
 */
export async function authenticateAdministrator(db: Database, clock: Clock, loginId: string, password: string): Promise<AdministratorDbRow | null> {
  const a = selectAdministratorByLoginId(db, loginId);
  if (!a || a.disabledAt !== null) {
    await answerLikeAVerify();
    return null;
  }
  const ok = await checkWithLockout(db, clock, ADMINISTRATOR_LOGIN_COUNTER, LOGIN_LOCK, a.id, () => verifySecret(a.passwordHash, password), () => {});
  if (!ok) return null;
  recordAdministratorLogin(db, a.id, clock.now());
  return a;
}

/** The current password at the forced change: the same lockout as the login. */
export function checkAdministratorPassword(db: Database, clock: Clock, a: AdministratorDbRow, password: string): Promise<boolean> {
  return checkWithLockout(db, clock, ADMINISTRATOR_LOGIN_COUNTER, LOGIN_LOCK, a.id, () => verifySecret(a.passwordHash, password), () => {});
}
