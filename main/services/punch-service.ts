/**
 * 打刻 from the portal and from the shared Web time recorder (SPEC §4, §9). A punch is
 * committed before it is confirmed, once per request id (a double click records one), and
 * allowed only while パスワード is 発行済 and タイムレコーダー is 有効.
 */
import type { Database } from 'better-sqlite3';
import { ja } from '../../preload/i18n/ja';
import { fullName } from '../../preload/domain-types';
import { factsOf } from '../../db/queries/employee-columns';
import { selectEmployee } from '../../db/queries/employees';
import { PASSCODE_COUNTER, type LockPolicy } from '../../db/queries/lockouts';
import type { PendingSecret } from '../../db/queries/pending-secrets';
import {
  insertPunchOnce, selectKioskCredentials, selectPunchesBetween, type PunchKind, type PunchRow,
} from '../../db/queries/punches';
import { completeDelivery, matchSecret } from './account-transitions';
import { canPunch } from './domain/status';
import { checkWithLockout } from './support/authenticate';
import { AppError } from './support/errors';
import type { Clock } from './support/clock';
import type { EventBus } from './support/event-bus';
import type { Logger } from './support/logger';
import { answerLikeAVerify } from './support/secret-hasher';

/** Ten wrong passcodes lock the employee's passcode for 15 minutes (the administrator can lift it sooner). */
export const KIOSK_LOCK: LockPolicy = { maxFailures: 10, lockMs: 15 * 60_000 };

export interface PunchResult { name: string; kind: PunchKind; at: number; duplicate: boolean }

export interface PunchServiceDeps { db: Database; clock: Clock; events: EventBus; logger: Logger }

export class PunchService {
  constructor(private readonly deps: PunchServiceDeps) {}

  /** From the portal, for the logged-in employee. */
  punch(employeeId: number, kind: PunchKind, requestId: string): PunchResult {
    return this.record(employeeId, kind, requestId, 'portal');
  }

  /**
   * From the shared kiosk: 社員コード or ログインID and the 4-digit passcode. One answer for every
   * refusal (unknown code, wrong or locked passcode, not allowed to punch): the kiosk is an oracle
   * for nothing. The passcode check is counted atomically (a parallel burst gets no more tries).
   */
  async punchWithPasscode(identifier: string, passcode: string, kind: PunchKind, requestId: string): Promise<PunchResult> {
    const { db, clock } = this.deps;
    const refused = () => new AppError('AUTH_FAILED', ja.punch.kioskFailed);
    const cred = selectKioskCredentials(db, identifier);
    if (!cred) {
      await answerLikeAVerify();
      throw refused();
    }
    let matched: Awaited<ReturnType<typeof matchSecret>> = null;
    const right = await checkWithLockout(db, clock, PASSCODE_COUNTER, KIOSK_LOCK, cred.id, async () => {
      matched = await matchSecret(db, cred.id, 'passcode', cred.passcodeHash, passcode);
      return matched !== null;
    }, () => {
      this.deps.logger.warn('kiosk passcode locked', { employeeId: cred.id });
      this.deps.events.emit('employeesChanged', { reason: 'passcodeLocked' });
    });
    if (!right) throw refused();
    const pending = matched === 'inForce' ? null : matched as PendingSecret | null;
    // a notice printed but never confirmed (a crash): its first use puts the passcode in force
    if (pending) db.transaction(() => completeDelivery(db, cred.id, 'passcode', pending.deliveryId, clock.now())).immediate();
    try {
      return this.record(cred.id, kind, requestId, 'kiosk');
    } catch (e) {
      if (e instanceof AppError && e.code === 'FORBIDDEN') throw refused();
      throw e;
    }
  }

  /** Today's punches (the local calendar day of this machine). */
  today(employeeId: number): PunchRow[] {
    const start = new Date(this.deps.clock.now());
    start.setHours(0, 0, 0, 0);
    const from = start.getTime();
    start.setDate(start.getDate() + 1);
    return selectPunchesBetween(this.deps.db, employeeId, from, start.getTime());
  }

  private record(employeeId: number, kind: PunchKind, requestId: string, source: 'portal' | 'kiosk'): PunchResult {
    const { db, clock } = this.deps;
    const result = db.transaction(() => {
      const row = selectEmployee(db, employeeId, clock.now());
      if (!row) throw new AppError('NOT_FOUND', ja.validation.notFound);
      const stored = insertPunchOnceIfAllowed(db, row, { employeeId, kind, at: clock.now(), source, requestId });
      return { name: fullName(row.last_name, row.first_name), ...stored };
    }).immediate();
    if (!result.duplicate) this.deps.logger.info('punch', { employeeId, kind, source });
    return { name: result.name, kind: result.punch.kind, at: result.punch.at, duplicate: result.duplicate };
  }
}

function insertPunchOnceIfAllowed(
  db: Database, row: NonNullable<ReturnType<typeof selectEmployee>>, p: Parameters<typeof insertPunchOnce>[1],
) {
  const facts = factsOf(row);
  if (!canPunch(facts, row.recorder_enabled === 1)) {
    if (row.recorder_enabled !== 1) throw new AppError('FORBIDDEN', ja.punch.recorderDisabled);
    if (facts.password === 'reissuing') throw new AppError('FORBIDDEN', ja.punch.reissuing);
    throw new AppError('FORBIDDEN', ja.punch.notLoggedInYet);
  }
  const stored = insertPunchOnce(db, p);
  // A request id is bound to one employee: a reused id from someone else records nothing.
  if (stored.employeeId !== p.employeeId) throw new AppError('CONFLICT', ja.portal.formExpired);
  return stored;
}
