/**
 * ファイル入出力 (SPEC §11): the employee list as CSV in Shift_JIS or UTF-8, and uploads in
 * 汎用パターン1/2 with a preview first — per-row errors and duplicate-address warnings —
 * then one transaction: every row or none.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { stringify } from 'csv-stringify/sync';
import type { CsvExportResult, ImportPreview, ImportResult } from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import type { GridQuery } from '../../preload/schemas';
import type { EmployeeDbRow } from '../../db/queries/employee-columns';
import { insertEmployee, updateEmployeeFields } from '../../db/queries/employees';
import { selectGridAll } from '../../db/queries/employee-grid';
import { revokeLinksNotTo } from '../../db/queries/verification-links';
import { neutralise, protectCode } from './csv/cells';
import type { CsvPlanner, PlanReply } from './csv/csv-planner';
import { encodeCsv, unencodableInSjis, type CsvEncoding } from './csv/encoding';
import { PATTERN1_COLUMNS, recorderValue, type CsvPattern } from '../../preload/csv-layouts';
import { AppError } from './support/errors';
import { storageFault } from './support/storage-faults';
import type { Clock } from './support/clock';
import type { EventBus } from './support/event-bus';
import type { Logger } from './support/logger';
import { formatDateTime } from '../../preload/i18n/format-date-time';

const c = ja.csv;

export interface CsvServiceDeps {
  db: Database; clock: Clock; events: EventBus; logger: Logger;
  /** works out previews off the main thread */
  planner: CsvPlanner;
  /** the data folder: lets an SQLite I/O error on a full disk be named as one */
  dataDir?: string;
}

export class CsvService {
  constructor(private readonly deps: CsvServiceDeps) {}

  /** 「社員情報の一括ダウンロード」: refuses Shift_JIS when a name would be damaged, naming the rows. */
  export(filters: Pick<GridQuery, 'text' | 'password' | 'passcode' | 'verification'>, encoding: CsvEncoding): CsvExportResult {
    const { db, clock } = this.deps;
    const rows = selectGridAll(db, filters, clock.now());
    const records = rows.map(exportRecord);
    if (encoding === 'sjis') {
      const problems = records.flatMap((r, i) => {
        const bad = unencodableInSjis(r.join(''));
        return bad.length ? [{ line: i + 2, loginId: rows[i]!.login_id, characters: bad }] : [];
      });
      if (problems.length > 0) return { status: 'unencodable', problems };
    }
    const text = stringify([[...PATTERN1_COLUMNS], ...records], { record_delimiter: 'windows' });
    const stamp = formatDateTime(clock.now()).replace(/[/: ]/g, '');
    this.deps.logger.info('csv export', { rows: rows.length, encoding });
    return {
      status: 'ready', fileName: `employees-${stamp}${encoding === 'sjis' ? '-sjis' : '-utf8'}.csv`,
      contentBase64: encodeCsv(text, encoding).toString('base64'), rows: rows.length,
    };
  }

  /**
   * 「社員情報の一括アップロード」, step one: what would happen; nothing is saved. Worked out in the CSV
   * worker thread (csv/csv-planner.ts): at 50,000 employees a 1,000-row file takes well under a
   * second, and the LAN pages do not wait for it.
   */
  async previewImport(pattern: CsvPattern, forced: CsvEncoding | 'auto', bytes: Buffer): Promise<ImportPreview> {
    const previewId = randomBytes(24).toString('base64url');
    let plan: PlanReply;
    try {
      plan = await this.deps.planner.plan(previewId, { now: this.deps.clock.now(), pattern, forced, bytes });
    } catch (e) {
      if (e instanceof AppError) throw e;
      this.deps.logger.error('csv preview failed', { error: String(e) });
      throw new AppError('INTERNAL', c.previewFailed);
    }
    return { previewId: plan.importable ? previewId : null, ...plan.preview };
  }

  /** Step two: the preview's rows, taken from the worker that kept them; every row in one transaction, or none. */
  async commitImport(previewId: string): Promise<ImportResult> {
    const { db, clock, planner } = this.deps;
    // a worker that died took its previews with it: they are gone as if expired
    const shelved = await planner.take(previewId, clock.now()).catch((e: unknown) => {
      this.deps.logger.warn('csv preview rows not available', { error: String(e) });
      return null;
    });
    if (!shelved) throw new AppError('NOT_FOUND', c.previewExpired);
    const rows = shelved.value;
    const now = clock.now();
    try {
      db.transaction(() => {
        for (const row of rows) {
          if (row.action === 'create') insertEmployee(db, row.fields, now);
          if (row.action === 'update' && row.id !== null) {
            if (!updateEmployeeFields(db, row.id, row.fields, row.version ?? -1, now)) throw new AppError('CONFLICT', c.conflict);
            revokeLinksNotTo(db, row.id, [row.fields.email1, row.fields.email2, row.fields.email3].filter((a): a is string => a !== null), now);
          }
        }
      }).immediate();
    } catch (e) {
      this.deps.logger.warn('csv import rolled back', { error: String(e) });
      const fault = storageFault(e, this.deps.dataDir);
      if (fault !== null) {
        // nothing about the file or the employees was wrong: the same preview can be imported once the fault is gone
        await planner.putBack(previewId, shelved).catch((err: unknown) => this.deps.logger.warn('csv preview not kept after a refused import', { error: String(err) }));
        throw fault === 'busy' ? new AppError('CONFLICT', ja.errors.databaseBusy) : new AppError('INTERNAL', c.diskFull);
      }
      throw new AppError('CONFLICT', c.conflict);
    }
    const created = rows.filter((r) => r.action === 'create').length;
    const updated = rows.filter((r) => r.action === 'update').length;
    this.deps.logger.info('csv import', { created, updated });
    this.deps.events.emit('employeesChanged', { reason: 'imported' });
    return { created, updated };
  }
}

/** One row of 汎用パターン1: what people typed is guarded against formulas, the product's own values are not. */
function exportRecord(r: EmployeeDbRow): string[] {
  return [
    protectCode(r.code),
    ...[r.last_name, r.first_name, r.honorific, r.department, r.login_id].map(neutralise),
    recorderValue(r.recorder_enabled === 1),
    ...[r.email1 ?? '', r.email2 ?? '', r.email3 ?? ''].map(neutralise),
    ja.status.password[r.password_status], ja.status.verification[r.verification], ja.status.passcode[r.passcode_status],
    r.last_login_at === null ? '' : formatDateTime(r.last_login_at),
  ];
}
