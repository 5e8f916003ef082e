import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { AuthState } from '../../preload/contract';
import { ADMIN_SESSION_IDLE_MINUTES } from '../../preload/domain-types';
import { ja } from '../../preload/i18n/ja';
import { loginIdSchema, type loginSchema, type setupSchema } from '../../preload/schemas';
import { markSetupCompleted, readSettings, writeCompanyName } from '../../db/queries/settings';
import { insertEmployee, selectCompanyAdmin, selectCredentials, selectEmployee } from '../../db/queries/employees';
import { authenticate } from './support/authenticate';
import { AppError } from './support/errors';
import type { Clock } from './support/clock';
import type { Logger } from './support/logger';
import { hashSecret } from './support/secret-hasher';

export const ADMIN_SESSION_IDLE_MS = ADMIN_SESSION_IDLE_MINUTES * 60_000;

interface AdminSession { employeeId: number; lastSeen: number }

export interface AdminAuthDeps { db: Database; clock: Clock; logger: Logger }

/**
 * Setup of the company and its 法人管理者, and the administrator's login to the admin
 * screens. Sessions live in memory: a restart of the app asks for the login again.
 */
export class AdminAuthService {
  private readonly sessions = new Map<string, AdminSession>();

  constructor(private readonly deps: AdminAuthDeps) {}

  state(sessionId: string | null): AuthState {
    const settings = readSettings(this.deps.db);
    const admin = selectCompanyAdmin(this.deps.db);
    const session = this.touch(sessionId);
    return {
      setupRequired: settings.setupCompletedAt === null,
      loggedIn: session !== null,
      companyName: settings.companyName,
      adminName: session && admin ? `${admin.lastName} ${admin.firstName}`.trim() : null,
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
    return this.startSession(id);
  }

  /** Same answer, and similar time, for an unknown ID, a wrong password or a locked account. */
  async login(input: z.output<typeof loginSchema>): Promise<string> {
    const cred = await authenticate(this.deps.db, this.deps.clock, 'admin', input.loginId, input.password);
    if (!cred) {
      this.deps.logger.warn('admin login refused');
      throw new AppError('AUTH_FAILED', ja.login.failed);
    }
    this.deps.logger.info('admin login', { employeeId: cred.id });
    return this.startSession(cred.id);
  }

  /**
   * The ログインID of the administrator account that `typed` names, or null. The 操作ログ of a
   * failed login names only that: people type passwords into the ID field, and anything else
   * typed there must not be kept.
   */
  administratorLoginId(typed: string): string | null {
    const id = loginIdSchema.safeParse(typed);
    if (!id.success) return null;
    return selectCredentials(this.deps.db, 'admin', id.data)?.loginId ?? null;
  }

  /** Who is acting, for the 操作ログ: the administrator's name and ログインID. */
  actorOf(sessionId: string | null): string | null {
    const s = sessionId ? this.sessions.get(sessionId) : undefined;
    if (!s) return null;
    const row = selectEmployee(this.deps.db, s.employeeId, this.deps.clock.now());
    return row ? `${row.last_name} ${row.first_name}`.trim() + `（${row.login_id}）` : null;
  }

  logout(sessionId: string | null): void {
    if (sessionId) this.sessions.delete(sessionId);
  }

  /** Whether the session is live; refreshes its idle timer. */
  isLoggedIn(sessionId: string | null): boolean {
    return this.touch(sessionId) !== null;
  }

  /** Whether the session is live, without refreshing it (an open event stream is not activity). */
  isLive(sessionId: string | null): boolean {
    const s = sessionId ? this.sessions.get(sessionId) : undefined;
    return s !== undefined && this.deps.clock.now() - s.lastSeen <= ADMIN_SESSION_IDLE_MS;
  }

  /** Every session of an employee ends (deleted, or the password changed). */
  endSessionsOf(employeeId: number): void {
    for (const [id, s] of this.sessions) if (s.employeeId === employeeId) this.sessions.delete(id);
  }

  private startSession(employeeId: number): string {
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { employeeId, lastSeen: this.deps.clock.now() });
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
