import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { AuthState } from '../../preload/contract';
import { ADMIN_SESSION_IDLE_MINUTES, fullName } from '../../preload/domain-types';
import { ja } from '../../preload/i18n/ja';
import { loginIdSchema, type changePasswordSchema, type loginSchema, type setupSchema } from '../../preload/schemas';
import { markSetupCompleted, readSettings, writeCompanyName } from '../../db/queries/settings';
import { insertEmployee, selectCompanyAdmin, selectCredentials, selectEmployee } from '../../db/queries/employees';
import { selectAdministrator, selectAdministratorByLoginId, storeAdministratorPassword } from '../../db/queries/administrators';
import { isTooGuessable } from './credentials/password-strength';
import { authenticate } from './support/authenticate';
import { authenticateAdministrator, checkAdministratorPassword } from './support/authenticate-administrator';
import { AppError } from './support/errors';
import type { Clock } from './support/clock';
import type { EventBus } from './support/event-bus';
import type { Logger } from './support/logger';
import { hashSecret } from './support/secret-hasher';

export const ADMIN_SESSION_IDLE_MS = ADMIN_SESSION_IDLE_MINUTES * 60_000;

/** Who an admin session belongs to: the 法人管理者 (an employees row) or a ユーザー管理者 (administrators). */
export type AdminAccount = { kind: 'company'; id: number } | { kind: 'user'; id: number };

interface AdminSession {
  account: AdminAccount;
  lastSeen: number;
  /** logged in with an initial password: nothing but the password change until it is changed */
  mustChangePassword: boolean;
}

export interface AdminAuthDeps { db: Database; clock: Clock; logger: Logger; events?: EventBus }

const sameAccount = (a: AdminAccount, b: AdminAccount) => a.kind === b.kind && a.id === b.id;

/**
 * Setup of the company and its 法人管理者, and the administrators' login to the admin screens:
 * the 法人管理者 and the ユーザー管理者 the 法人管理者 added (administrator-service.ts). Sessions
 * live in memory: a restart of the app asks for the login again.
 */
export class AdminAuthService {
  private readonly sessions = new Map<string, AdminSession>();

  constructor(private readonly deps: AdminAuthDeps) {}

  state(sessionId: string | null): AuthState {
    const settings = readSettings(this.deps.db);
    const session = this.touch(sessionId);
    const full = session !== null && !session.mustChangePassword;
    return {
      setupRequired: settings.setupCompletedAt === null,
      loggedIn: full,
      companyName: settings.companyName,
      adminName: session ? this.nameOf(session.account) : null,
      passwordChangeRequired: session?.mustChangePassword ?? false,
      canManageAdministrators: full && session.account.kind === 'company',
    };
  }

  /** First start: 法人名 and the 法人管理者's credentials. Returns a new session id. */
  async setup(input: z.output<typeof setupSchema>): Promise<string> {
    if (readSettings(this.deps.db).setupCompletedAt !== null) throw new AppError('FORBIDDEN', ja.setup.alreadyDone);
    const passwordHash = await hashSecret(input.password);
    const now = this.deps.clock.now();
    const id = this.deps.db.transaction(() => {
      // Re-checked inside the transaction: two setup calls racing must not make two admins.
      if (readSettings(this.deps.db).setupCompletedAt !== null) throw new AppError('FORBIDDEN', ja.setup.alreadyDone);
      writeCompanyName(this.deps.db, input.companyName);
      const adminId = insertEmployee(this.deps.db, {
        loginId: input.loginId, code: '', honorific: '', lastName: input.adminLastName, firstName: '',
        department: '', email1: null, email2: null, email3: null, recorderEnabled: true, isCompanyAdmin: true,
        passwordHash,
        facts: { password: 'issued', issuedVia: 'setup', verifiedAt: null, linkSentAt: null, linkValidUntil: null },
      }, now);
      markSetupCompleted(this.deps.db, now);
      return adminId;
    }).immediate();
    this.deps.logger.info('setup completed', { employeeId: id });
    return this.startSession({ kind: 'company', id }, false);
  }

  /**
   * Same answer, and similar time, for an unknown ID, a wrong password, a locked or a disabled
   * account. The 法人管理者's ID is looked up first (an employees row), then the ユーザー管理者'
   * (one ログインID names one person: employees and administrators never share one).
   */
  async login(input: z.output<typeof loginSchema>): Promise<string> {
    const { db, clock } = this.deps;
    if (selectCredentials(db, 'admin', input.loginId)) {
      const cred = await authenticate(db, clock, 'admin', input.loginId, input.password);
      if (cred) {
        this.deps.logger.info('admin login', { employeeId: cred.id });
        return this.startSession({ kind: 'company', id: cred.id }, false);
      }
    } else {
      const a = await authenticateAdministrator(db, clock, input.loginId, input.password);
      if (a) {
        this.deps.logger.info('admin login', { administratorId: a.id });
        return this.startSession({ kind: 'user', id: a.id }, a.mustChangePassword);
      }
    }
    this.deps.logger.warn('admin login refused');
    throw new AppError('AUTH_FAILED', ja.login.failed);
  }

  /**
   * A ユーザー管理者's own new password, in place of the initial one: the current password is
   * checked against the login's lockout, a guessable one or one holding the ログインID is refused.
   * The administrator's other sessions end; this one may now do everything.
   */
  async changePassword(sessionId: string | null, input: z.output<typeof changePasswordSchema>): Promise<void> {
    const { db, clock } = this.deps;
    const session = this.touch(sessionId);
    if (!session) throw new AppError('UNAUTHORIZED', ja.errors.unauthorized);
    if (session.account.kind !== 'user') throw new AppError('FORBIDDEN', ja.passwordChange.onlyAdministrators);
    const id = session.account.id;
    const a = selectAdministrator(db, id);
    if (!a || a.disabledAt !== null) throw new AppError('UNAUTHORIZED', ja.errors.unauthorized);
    const field = (key: 'currentPassword' | 'newPassword', message: string) => new AppError('VALIDATION', message, { [key]: message });
    if (!(await checkAdministratorPassword(db, clock, a, input.currentPassword))) throw field('currentPassword', ja.passwordChange.currentWrong);
    if (input.newPassword === input.currentPassword) throw field('newPassword', ja.passwordChange.same);
    if (input.newPassword.toLowerCase().includes(a.loginId.toLowerCase())) throw field('newPassword', ja.passwordChange.containsLoginId);
    if (isTooGuessable(input.newPassword, [a.loginId, a.name])) throw field('newPassword', ja.passwordChange.tooCommon);
    const hash = await hashSecret(input.newPassword);
    // guarded: an administrator disabled while typing gets nothing stored
    if (!storeAdministratorPassword(db, id, hash, clock.now())) throw new AppError('UNAUTHORIZED', ja.errors.unauthorized);
    for (const [sid, s] of this.sessions) if (sid !== sessionId && sameAccount(s.account, session.account)) this.sessions.delete(sid);
    session.mustChangePassword = false;
    this.deps.logger.info('administrator password changed', { administratorId: id });
  }

  /**
   * The ログインID of the administrator account that `typed` names, or null. The 操作ログ of a
   * failed login names only that: people type passwords into the ID field, and anything else
   * typed there must not be kept.
   */
  administratorLoginId(typed: string): string | null {
    const id = loginIdSchema.safeParse(typed);
    if (!id.success) return null;
    return selectCredentials(this.deps.db, 'admin', id.data)?.loginId ?? selectAdministratorByLoginId(this.deps.db, id.data)?.loginId ?? null;
  }

  /** Who is acting, for the 操作ログ: the administrator's name and ログインID. */
  actorOf(sessionId: string | null): string | null {
    const s = sessionId ? this.sessions.get(sessionId) : undefined;
    if (!s) return null;
    const who = this.identify(s.account);
    return who ? `${who.name}（${who.loginId}）` : null;
  }

  /** The account behind a full session (not one that must change its password first), or null. */
  accountOf(sessionId: string | null): AdminAccount | null {
    const s = this.touch(sessionId);
    return s && !s.mustChangePassword ? s.account : null;
  }

  logout(sessionId: string | null): void {
    if (sessionId) this.sessions.delete(sessionId);
  }

  /** Whether the session is live and may act (refreshes its idle timer). A session that must change its password first may not. */
  isLoggedIn(sessionId: string | null): boolean {
    const s = this.touch(sessionId);
    return s !== null && !s.mustChangePassword;
  }

  /** Whether the session is live, without refreshing it (an open event stream is not activity). */
  isLive(sessionId: string | null): boolean {
    const s = sessionId ? this.sessions.get(sessionId) : undefined;
    return s !== undefined && this.deps.clock.now() - s.lastSeen <= ADMIN_SESSION_IDLE_MS;
  }

  /** Every session of an employee ends (deleted, or the password changed): the 法人管理者's, if it is them. */
  endSessionsOf(employeeId: number): void {
    this.endSessions({ kind: 'company', id: employeeId });
  }

  /** Every session of a ユーザー管理者 ends at once (disabled, removed, a new initial password). */
  endSessionsOfAdministrator(administratorId: number): void {
    this.endSessions({ kind: 'user', id: administratorId });
  }

  private endSessions(account: AdminAccount): void {
    let ended = 0;
    for (const [id, s] of this.sessions) {
      if (!sameAccount(s.account, account)) continue;
      this.sessions.delete(id);
      ended++;
    }
    // open screens look at their session again: an ended one's event stream is told so and closes
    if (ended > 0) this.deps.events?.emit('administratorsChanged', {});
  }

  private identify(account: AdminAccount): { name: string; loginId: string } | null {
    if (account.kind === 'company') {
      const row = selectEmployee(this.deps.db, account.id, this.deps.clock.now());
      return row ? { name: fullName(row.last_name, row.first_name), loginId: row.login_id } : null;
    }
    const a = selectAdministrator(this.deps.db, account.id);
    return a ? { name: a.name, loginId: a.loginId } : null;
  }

  private nameOf(account: AdminAccount): string | null {
    if (account.kind === 'company') {
      const admin = selectCompanyAdmin(this.deps.db);
      return admin ? fullName(admin.lastName, admin.firstName) : null;
    }
    return selectAdministrator(this.deps.db, account.id)?.name ?? null;
  }

  private startSession(account: AdminAccount, mustChangePassword: boolean): string {
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { account, lastSeen: this.deps.clock.now(), mustChangePassword });
    return id;
  }

  private touch(sessionId: string | null): AdminSession | null {
    if (!sessionId) return null;
    const s = this.sessions.get(sessionId);
    if (!s) return null;
    const now = this.deps.clock.now();
    if (now - s.lastSeen > ADMIN_SESSION_IDLE_MS) {
      this.sessions.delete(sessionId);
      return null;
    }
    s.lastSeen = now;
    return s;
  }
}
