/**
 * 基本設定 › 管理者アカウント: the 法人管理者 adds, disables, enables and removes ユーザー管理者, and
 * issues a new initial password. Each administrator logs in with their own ログインID and
 * password (admin-auth-service.ts) and must replace the initial one at the first login; the
 * 操作ログ names who did what.
 *
 * Rules: only the 法人管理者 manages accounts, and the 法人管理者's own account is not among those
 * managed here (it is the company's, set up at the first start) — so nobody disables or removes
 * their own account, and the admin screens always keep an active administrator; the SQL of a
 * disable or a removal checks that too, in the same statement (db/queries/administrators.ts).
 * Every change names the version the screen read.
 * A disabled or removed administrator, or one given a new initial password, is thrown out at
 * once: their sessions end and their open screens are told (the bridge's event stream).
 *
 * An initial password is stored (hashed) before it leaves the process — in the answer shown
 * once, or in the notice PDF rendered before the store and handed over only after it. An answer
 * lost on its way leaves an account whose password nobody has; 「初期パスワード再発行」 mends that.
 */
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type {
  AdministratorChange, AdministratorRow, AdministratorsView, InitialPasswordResult,
} from '../../preload/contract';
import { formatDateTime } from '../../preload/i18n/format-date-time';
import { ja } from '../../preload/i18n/ja';
import type { administratorRefSchema, createAdministratorSchema, resetAdministratorSchema } from '../../preload/schemas';
import { fullName } from '../../preload/domain-types';
import {
  deleteAdministrator, disableAdministrator, enableAdministrator, insertAdministrator, loginIdUsedAnywhere,
  resetAdministratorPassword, selectAdministrator, selectAdministrators, type AdministratorDbRow,
} from '../../db/queries/administrators';
import { selectCompanyAdmin, selectEmployee } from '../../db/queries/employees';
import type { AdminAuthService } from './admin-auth-service';
import { generatePassword } from './credentials/password-generator';
import type { PdfRenderer } from './pdf/pdf-renderer-client';
import { AppError } from './support/errors';
import type { Clock } from './support/clock';
import type { EventBus } from './support/event-bus';
import type { Logger } from './support/logger';
import { hashSecret } from './support/secret-hasher';

export interface AdministratorServiceDeps {
  db: Database;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  auth: AdminAuthService;
  renderer: PdfRenderer;
  companyName: () => string;
}

type Ref = z.output<typeof administratorRefSchema>;

export class AdministratorService {
  /** where the admin screens are reached (headless: the bridge's URL), printed on a notice; null on the desktop */
  private adminUrl: string | null = null;

  constructor(private readonly deps: AdministratorServiceDeps) {}

  setAdminUrl(url: string | null): void {
    this.adminUrl = url;
  }

  list(sessionId: string | null): AdministratorsView {
    this.requireCompanyAdmin(sessionId);
    return this.view();
  }

  async create(sessionId: string | null, input: z.output<typeof createAdministratorSchema>): Promise<InitialPasswordResult> {
    this.requireCompanyAdmin(sessionId);
    const { db, clock } = this.deps;
    if (loginIdUsedAnywhere(db, input.loginId)) throw duplicateLoginId();
    const password = generatePassword();
    const passwordHash = await hashSecret(password);
    // rendered before the account exists: a notice that cannot be made leaves nothing behind
    const pdf = input.delivery === 'pdf' ? await this.notice(input.name, input.loginId, password) : null;
    const id = insertAdministrator(db, { loginId: input.loginId, name: input.name, passwordHash }, clock.now());
    if (id === null) throw duplicateLoginId(); // taken meanwhile (another tab, an employee saved with it)
    this.deps.logger.info('administrator added', { administratorId: id });
    this.changed();
    return { ...this.view(), subject: { name: input.name, loginId: input.loginId }, initialPassword: pdf ? null : password, pdf };
  }

  disable(sessionId: string | null, ref: Ref): AdministratorChange {
    const target = this.target(sessionId, ref);
    if (!disableAdministrator(this.deps.db, ref.id, ref.version, this.deps.clock.now())) this.refused(ref);
    this.deps.auth.endSessionsOfAdministrator(ref.id);
    this.deps.logger.info('administrator disabled', { administratorId: ref.id });
    return this.changed(target);
  }

  enable(sessionId: string | null, ref: Ref): AdministratorChange {
    const target = this.target(sessionId, ref);
    if (!enableAdministrator(this.deps.db, ref.id, ref.version, this.deps.clock.now())) this.refused(ref);
    this.deps.logger.info('administrator enabled', { administratorId: ref.id });
    return this.changed(target);
  }

  delete(sessionId: string | null, ref: Ref): AdministratorChange {
    const target = this.target(sessionId, ref);
    if (!deleteAdministrator(this.deps.db, ref.id, ref.version)) this.refused(ref);
    this.deps.auth.endSessionsOfAdministrator(ref.id);
    this.deps.logger.info('administrator removed', { administratorId: ref.id });
    return this.changed(target);
  }

  async resetPassword(sessionId: string | null, input: z.output<typeof resetAdministratorSchema>): Promise<InitialPasswordResult> {
    const target = this.target(sessionId, input);
    const password = generatePassword();
    const passwordHash = await hashSecret(password);
    const pdf = input.delivery === 'pdf' ? await this.notice(target.name, target.loginId, password) : null;
    if (!resetAdministratorPassword(this.deps.db, input.id, input.version, passwordHash, this.deps.clock.now())) this.refused(input);
    this.deps.auth.endSessionsOfAdministrator(input.id);
    this.deps.logger.info('administrator initial password reissued', { administratorId: input.id });
    return { ...this.changed(target), initialPassword: pdf ? null : password, pdf };
  }

  private requireCompanyAdmin(sessionId: string | null): void {
    const actor = this.deps.auth.accountOf(sessionId);
    if (!actor) throw new AppError('UNAUTHORIZED', ja.errors.unauthorized);
    if (actor.kind !== 'company') throw new AppError('FORBIDDEN', ja.administrators.onlyCompanyAdmin);
  }

  /** The ユーザー管理者 a change is about, as it is now (the actor, the 法人管理者, is never one). */
  private target(sessionId: string | null, ref: { id: number }): AdministratorDbRow {
    this.requireCompanyAdmin(sessionId);
    const row = selectAdministrator(this.deps.db, ref.id);
    if (!row) throw new AppError('NOT_FOUND', ja.administrators.notFound);
    return row;
  }

  /** A guarded change that changed nothing: say why (removed, changed by another screen, or the last active one). */
  private refused(ref: Ref): never {
    const now = selectAdministrator(this.deps.db, ref.id);
    if (!now) throw new AppError('NOT_FOUND', ja.administrators.notFound);
    if (now.version !== ref.version) throw new AppError('CONFLICT', ja.validation.changedElsewhere);
    throw new AppError('CONFLICT', ja.administrators.lastActive);
  }

  private changed(subject?: AdministratorDbRow): AdministratorChange {
    this.deps.events.emit('administratorsChanged', {});
    const view = this.view();
    return { ...view, subject: subject ? { name: subject.name, loginId: subject.loginId } : { name: '', loginId: '' } };
  }

  private view(): AdministratorsView {
    const { db, clock } = this.deps;
    const now = clock.now();
    const company = selectCompanyAdmin(db);
    const companyRow = company ? selectEmployee(db, company.id, now) : undefined;
    return {
      companyAdmin: { name: company ? fullName(company.lastName, company.firstName) : '', loginId: companyRow?.login_id ?? '' },
      administrators: selectAdministrators(db).map((a): AdministratorRow => ({
        id: a.id, loginId: a.loginId, name: a.name,
        status: a.disabledAt !== null ? 'disabled' : a.mustChangePassword ? 'initial' : 'active',
        locked: a.lockedUntil !== null && a.lockedUntil > now,
        lastLoginAt: a.lastLoginAt, createdAt: a.createdAt, version: a.version,
      })),
    };
  }

  private async notice(name: string, loginId: string, password: string): Promise<{ fileName: string; contentBase64: string }> {
    const now = this.deps.clock.now();
    const pdf = await this.deps.renderer.render({
      kind: 'adminPassword', title: ja.notice.adminDocumentTitle,
      context: { companyName: this.deps.companyName(), portalUrl: '', kioskUrl: '', issuedAt: formatDateTime(now) },
      admins: [{ name, loginId, password, adminUrl: this.adminUrl }],
    });
    const stamp = formatDateTime(now).replace(/[/: ]/g, '');
    return { fileName: `focus-u-admin-${loginId}-${stamp}.pdf`, contentBase64: pdf.toString('base64') };
  }
}

const duplicateLoginId = () => new AppError('VALIDATION', ja.validation.duplicateLoginId, { loginId: ja.validation.duplicateLoginId });
