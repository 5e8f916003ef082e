/**
 * The employees' login on the LAN portal (SPEC §9, §12). The first login with a password
 * delivered by mail completes the issuance (発行済/済). A generated password is a one-time
 * secret: with 「初回ログイン時にパスワード変更を必須にする」 the employee sets a new one first.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { ja } from '../../preload/i18n/ja';
import { LOGIN_COUNTER } from '../../db/queries/lockouts';
import type { PendingSecret } from '../../db/queries/pending-secrets';
import {
  clearMustChangePassword, deleteIdlePortalSessions, deleteOtherPortalSessions, deletePortalSession, deletePortalSessionsOf,
  insertPortalSession, selectPortalProfile, selectPortalSession, storeOwnPassword, touchPortalSession,
} from '../../db/queries/portal-sessions';
import { readSettings } from '../../db/queries/settings';
import { applyAccountEvent, completeDelivery, matchSecret } from './account-transitions';
import { AppError } from './support/errors';
import { authenticate, checkWithLockout, LOGIN_LOCK } from './support/authenticate';
import type { Clock } from './support/clock';
import type { EventBus } from './support/event-bus';
import type { Logger } from './support/logger';
import { hashSecret, verifySecret } from './support/secret-hasher';
import { isTooGuessable } from './credentials/password-strength';

export const PORTAL_SESSION_IDLE_MS = 30 * 60_000;

export interface PortalSession {
  employeeId: number;
  csrfToken: string;
  mustChangePassword: boolean;
}

export interface PortalAuthDeps { db: Database; clock: Clock; events: EventBus; logger: Logger }

const hashId = (id: string) => createHash('sha256').update(id).digest('hex');

export class PortalAuthService {
  constructor(private readonly deps: PortalAuthDeps) {}

  /**
   * Returns the new session's id (for the cookie) or null: the caller shows one message for every
   * failure. The 法人管理者's account does not exist on the portal (the admin screens are another
   * trust zone). A password delivered but not yet confirmed (a crash, a refusing database) works
   * too, and this first use puts it in force.
   */
  async login(loginId: string, password: string): Promise<string | null> {
    const { db, clock } = this.deps;
    let matched: Awaited<ReturnType<typeof matchSecret>> = null;
    const cred = await authenticate(db, clock, 'portal', loginId, password, async (c, pw) => {
      matched = await matchSecret(db, c.id, 'password', c.passwordHash, pw);
      return matched !== null;
    });
    if (!cred) return null;
    const now = clock.now();
    const pending = matched === 'inForce' ? null : matched as PendingSecret | null;
    const completed = db.transaction(() => {
      if (pending) completeDelivery(db, cred.id, 'password', pending.deliveryId, now);
      return applyAccountEvent(db, cred.id, { type: 'firstLogin' }, { now }).ok;
    }).immediate();
    const profile = selectPortalProfile(db, cred.id)!;
    const sessionId = randomBytes(32).toString('base64url');
    insertPortalSession(db, {
      idHash: hashId(sessionId), employeeId: cred.id, csrfToken: randomBytes(32).toString('base64url'), now,
      mustChangePassword: readSettings(db).requirePasswordChange && profile.passwordGenerated,
    });
    this.deps.logger.info(completed ? 'portal first login completed the issuance' : 'portal login', { employeeId: cred.id });
    if (completed) this.deps.events.emit('employeesChanged', { reason: 'firstLogin' });
    else this.deps.events.emit('employeesChanged', { reason: 'login' });
    return sessionId;
  }

  /** The live session behind a cookie, refreshed; null when unknown or idle too long. */
  session(sessionId: string | undefined): PortalSession | null {
    if (!sessionId || sessionId.length > 100) return null;
    const { db, clock } = this.deps;
    const now = clock.now();
    const idHash = hashId(sessionId);
    const s = selectPortalSession(db, idHash);
    if (!s) return null;
    if (now - s.lastSeenAt > PORTAL_SESSION_IDLE_MS) {
      deletePortalSession(db, idHash);
      return null;
    }
    touchPortalSession(db, idHash, now);
    return { employeeId: s.employeeId, csrfToken: s.csrfToken, mustChangePassword: s.mustChangePassword };
  }

  profile(employeeId: number) {
    return selectPortalProfile(this.deps.db, employeeId);
  }

  /**
   * Confirms the employee's current password (for changes to the account itself). Counts toward
   * the same lockout as the login: a session left open on a shared PC allows no guessing; a lock
   * ends every session of the employee.
   */
  async checkPassword(employeeId: number, password: string): Promise<boolean> {
    const { db, clock } = this.deps;
    return checkWithLockout(db, clock, LOGIN_COUNTER, LOGIN_LOCK, employeeId,
      () => verifySecret(selectPortalProfile(db, employeeId)?.passwordHash ?? null, password),
      () => deletePortalSessionsOf(db, employeeId));
  }

  /** The current password is required; the other sessions of the employee end. */
  async changePassword(sessionId: string, current: string, next: string): Promise<void> {
    const { db, clock } = this.deps;
    const s = this.session(sessionId);
    if (!s) throw new AppError('UNAUTHORIZED', ja.errors.unauthorized);
    const profile = selectPortalProfile(db, s.employeeId);
    if (!profile || !(await this.checkPassword(s.employeeId, current))) {
      throw new AppError('VALIDATION', ja.portal.currentPasswordWrong, { currentPassword: ja.portal.currentPasswordWrong });
    }
    if (next === current) throw new AppError('VALIDATION', ja.portal.samePassword, { newPassword: ja.portal.samePassword });
    if (next.toLowerCase().includes(profile.loginId.toLowerCase())) {
      throw new AppError('VALIDATION', ja.portal.passwordContainsLoginId, { newPassword: ja.portal.passwordContainsLoginId });
    }
    if (isTooGuessable(next, [profile.loginId, profile.name])) {
      throw new AppError('VALIDATION', ja.portal.passwordTooCommon, { newPassword: ja.portal.passwordTooCommon });
    }
    const hash = await hashSecret(next);
    const idHash = hashId(sessionId);
    db.transaction(() => {
      storeOwnPassword(db, s.employeeId, hash, clock.now());
      deleteOtherPortalSessions(db, s.employeeId, idHash);
      clearMustChangePassword(db, idHash);
    }).immediate();
    this.deps.logger.info('portal password changed', { employeeId: s.employeeId });
  }

  logout(sessionId: string | undefined): void {
    if (sessionId) deletePortalSession(this.deps.db, hashId(sessionId));
  }

  sweepIdleSessions(): void {
    deleteIdlePortalSessions(this.deps.db, this.deps.clock.now() - PORTAL_SESSION_IDLE_MS);
  }
}
