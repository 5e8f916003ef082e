import type { Database } from 'better-sqlite3';
import type {
  DuplicateAddressWarning, EmployeeDetail, EmployeeRow, GridPage, SaveEmployeeResult,
} from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import type { EmployeeFields, GridQuery } from '../../preload/schemas';
import { fullName } from '../../preload/domain-types';
import { factsOf, type EmployeeDbRow } from '../../db/queries/employee-columns';
import {
  codeTaken, deleteEmployees, findAddressHolders, insertEmployee, loginIdTaken, selectEmployee, selectNames, updateEmployeeFields,
} from '../../db/queries/employees';
import { selectLockedIds, unlockEmployee, unlockEveryone } from '../../db/queries/lockouts';
import { selectCompanyCounts, selectGridPage } from '../../db/queries/employee-grid';
import { selectBounceMarks } from '../../db/queries/mail-bounces';
import { readSettings } from '../../db/queries/settings';
import { revokeLinksNotTo } from '../../db/queries/verification-links';
import { addressKey, repeatedWithin } from './domain/addresses';
import { isBulkIssuable } from './domain/status';
import { AppError } from './support/errors';
import type { Clock } from './support/clock';
import type { EventBus } from './support/event-bus';
import type { Logger } from './support/logger';

export interface EmployeeServiceDeps {
  db: Database;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  /** Called for every deleted employee so its sessions end too. */
  onDeleted?: (employeeId: number) => void;
}

/** 社員新規登録, マイページ編集, 選択して削除 and the 社員情報管理 grid. */
export class EmployeeService {
  constructor(private readonly deps: EmployeeServiceDeps) {}

  list(query: GridQuery): GridPage {
    const { db, clock } = this.deps;
    const now = clock.now();
    // One read transaction: the page, its total and the counts describe the same moment.
    return db.transaction(() => {
      const { rows, total, page } = selectGridPage(db, query, now);
      // maintained counts and one index range (migration 012): cheap enough to be exact at every call
      const counts = selectCompanyCounts(db, now);
      // the 送信エラー / 配信遅延 marks of this page's employees (one small query, not part of the page's)
      const marks = selectBounceMarks(db, rows.map((r) => r.id));
      return {
        rows: rows.map((r) => ({ ...toRow(r), mailBounce: marks.get(r.id) ?? null })),
        total,
        page,
        pageSize: query.pageSize,
        passcodeUnissued: counts.passcodeUnissued,
        verificationCounts: counts.verification,
        lockedCount: counts.locked,
        bounceCount: counts.bounced,
        notifyMethod: readSettings(db).notifyMethod,
      };
    })();
  }

  get(id: number): EmployeeDetail {
    const row = selectEmployee(this.deps.db, id, this.deps.clock.now());
    if (!row) throw new AppError('NOT_FOUND', ja.validation.notFound);
    return toDetail(row);
  }

  create(fields: EmployeeFields, acceptDuplicateWarnings: boolean): SaveEmployeeResult {
    return this.save(null, fields, acceptDuplicateWarnings);
  }

  /** マイページ編集: saved only while the employee is as the form loaded it (`version`). */
  update(id: number, fields: EmployeeFields, acceptDuplicateWarnings: boolean, version: number): SaveEmployeeResult {
    return this.save(id, fields, acceptDuplicateWarnings, version);
  }

  /**
   * The employee's own マイページ編集 on the portal and the bulk screen's pencil: addresses only, with
   * the same duplicate warning; the other fields as they are now (read and written without a pause).
   */
  updateAddresses(id: number, a: Pick<EmployeeFields, 'email1' | 'email2' | 'email3'>, acceptDuplicateWarnings: boolean): SaveEmployeeResult {
    const e = this.get(id);
    return this.save(id, { ...fieldsOf(e), ...a }, acceptDuplicateWarnings, e.version);
  }

  /** The employee's own ログインID change on the portal (unique, as everywhere). */
  changeLoginId(id: number, loginId: string): SaveEmployeeResult {
    const e = this.get(id);
    return this.save(id, { ...fieldsOf(e), loginId }, true, e.version);
  }

  /** 「ロック解除」 */
  unlock(id: number): EmployeeDetail {
    if (!unlockEmployee(this.deps.db, id, this.deps.clock.now())) throw new AppError('NOT_FOUND', ja.validation.notFound);
    this.deps.logger.info('employee unlocked', { employeeId: id });
    this.deps.events.emit('employeesChanged', { reason: 'unlocked' });
    return this.get(id);
  }

  /** 「すべてロック解除」: every lock and failure count of the company lifted in one write. */
  unlockAll(): { unlocked: number; ids: number[] } {
    const { db, clock } = this.deps;
    const ids = db.transaction(() => {
      const locked = selectLockedIds(db, clock.now());
      unlockEveryone(db, clock.now());
      return locked;
    }).immediate();
    this.deps.logger.info('every employee unlocked', { count: ids.length });
    this.deps.events.emit('employeesChanged', { reason: 'unlocked' });
    return { unlocked: ids.length, ids };
  }

  /** 「選択して削除」: the 法人管理者 is never deleted; links go with the rows, sessions end. */
  delete(ids: readonly number[]): { deleted: number } {
    const { db } = this.deps;
    const deletedIds = db.transaction(() => {
      const targets = selectNames(db, ids).filter((r) => !r.isCompanyAdmin).map((r) => r.id);
      if (targets.length === 0) throw new AppError('FORBIDDEN', ja.deleteDialog.nothing);
      deleteEmployees(db, targets);
      return targets;
    }).immediate();
    for (const id of deletedIds) this.deps.onDeleted?.(id);
    this.deps.logger.info('employees deleted', { count: deletedIds.length });
    this.deps.events.emit('employeesChanged', { reason: 'deleted' });
    return { deleted: deletedIds.length };
  }

  private save(id: number | null, fields: EmployeeFields, acceptWarnings: boolean, version?: number): SaveEmployeeResult {
    const { db, clock } = this.deps;
    const now = clock.now();
    const savedId = db.transaction((): number | DuplicateAddressWarning[] => {
      const current = id === null ? undefined : selectEmployee(db, id, now);
      if (id !== null && !current) throw new AppError('NOT_FOUND', ja.validation.notFound);
      if (current && current.version !== version) throw new AppError('CONFLICT', ja.validation.changedElsewhere);
      const fieldErrors: Record<string, string> = {};
      if (loginIdTaken(db, fields.loginId, id)) fieldErrors.loginId = ja.validation.duplicateLoginId;
      if (codeTaken(db, fields.code, id)) fieldErrors.code = ja.validation.duplicateCode;
      if (Object.keys(fieldErrors).length > 0) {
        throw new AppError('VALIDATION', Object.values(fieldErrors).join('\n'), fieldErrors);
      }
      const warnings = this.duplicateWarnings(id, fields);
      if (warnings.length > 0 && !acceptWarnings) return warnings;
      if (id === null) return insertEmployee(db, fields, now);
      if (!updateEmployeeFields(db, id, fields, version!, now)) throw new AppError('CONFLICT', ja.validation.changedElsewhere);
      revokeLinksNotTo(db, id, addressesOf(fields), now);
      return id;
    }).immediate();
    if (Array.isArray(savedId)) return { status: 'needsConfirmation', warnings: savedId };
    this.deps.logger.info(id === null ? 'employee created' : 'employee updated', { employeeId: savedId });
    this.deps.events.emit('employeesChanged', { reason: id === null ? 'created' : 'updated' });
    return { status: 'saved', employee: this.get(savedId) };
  }

  /** SPEC §10: an address repeated within this employee, or held by another employee. */
  private duplicateWarnings(id: number | null, fields: EmployeeFields): DuplicateAddressWarning[] {
    const addresses = addressesOf(fields);
    const warnings: DuplicateAddressWarning[] = repeatedWithin(addresses).map((address) => ({
      address, otherEmployee: null,
    }));
    const byKey = new Map(addresses.map((a) => [addressKey(a), a]));
    for (const h of findAddressHolders(this.deps.db, [...byKey.keys()], id)) {
      warnings.push({
        address: byKey.get(h.key)!,
        otherEmployee: { id: h.id, name: fullName(h.lastName, h.firstName), loginId: h.loginId },
      });
    }
    return warnings;
  }
}

const fieldsOf = (e: EmployeeDetail): EmployeeFields => ({
  loginId: e.loginId, code: e.code, honorific: e.honorific, lastName: e.lastName, firstName: e.firstName,
  department: e.department, email1: e.email1, email2: e.email2, email3: e.email3, recorderEnabled: e.recorderEnabled,
});

const addressesOf = (f: { email1: string | null; email2: string | null; email3: string | null }): string[] =>
  [f.email1, f.email2, f.email3].filter((a): a is string => a !== null);

function toRow(r: EmployeeDbRow): EmployeeRow {
  const waiting = r.verification === 'waiting' || r.verification === 'expired';
  return {
    id: r.id,
    code: r.code,
    lastName: r.last_name,
    firstName: r.first_name,
    loginId: r.login_id,
    department: r.department,
    recorderEnabled: r.recorder_enabled === 1,
    isCompanyAdmin: r.is_company_admin === 1,
    password: r.password_status,
    verification: r.verification,
    passcode: r.passcode_status,
    verificationSentAt: waiting ? r.link_sent_at : null,
    verificationExpiresAt: waiting ? r.link_valid_until : null,
    lastLoginAt: r.last_login_at,
    addressCount: addressesOf(r).length,
    locked: r.locked === 1,
    bulkIssuable: isBulkIssuable(factsOf(r)),
  };
}

function toDetail(r: EmployeeDbRow): EmployeeDetail {
  return {
    ...toRow(r), honorific: r.honorific, email1: r.email1, email2: r.email2, email3: r.email3, issuedVia: r.issued_via, version: r.version,
  };
}
