/**
 * 操作ログ (SPEC §12): who did what to whom, when, and whether it worked. Written by the
 * dispatcher around every audited contract call; listed, filtered and exported as CSV.
 */
import type { Database } from 'better-sqlite3';
import { stringify } from 'csv-stringify/sync';
import type { AuditPage } from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import { insertAudit, selectAudit, type AuditFilter, type AuditTarget } from '../../db/queries/audit';
import { selectEmployee } from '../../db/queries/employees';
import { neutralise } from './csv/cells';
import { encodeCsv, unencodableInSjis, type CsvEncoding } from './csv/encoding';
import type { Clock } from './support/clock';
import { formatDateTime } from '../../preload/i18n/format-date-time';
import { fullName } from '../../preload/domain-types';

export interface AuditServiceDeps { db: Database; clock: Clock }

export class AuditService {
  constructor(private readonly deps: AuditServiceDeps) {}

  /** The employees as they are now (before an action that may delete them). */
  snapshot(ids: readonly number[]): AuditTarget[] {
    const now = this.deps.clock.now();
    return ids.flatMap((id) => {
      const r = selectEmployee(this.deps.db, id, now);
      return r ? [{ id, name: fullName(r.last_name, r.first_name), loginId: r.login_id }] : [];
    });
  }

  record(e: { actor: string; action: string; targets: AuditTarget[]; ok: boolean; detail: string }): void {
    insertAudit(this.deps.db, {
      at: this.deps.clock.now(), actor: e.actor, action: e.action, targets: e.targets, result: e.ok ? 'ok' : 'error',
      detail: e.detail.slice(0, 1000),
    });
  }

  list(f: Omit<AuditFilter, 'limit' | 'offset'> & { page: number; pageSize: number }): AuditPage {
    const { rows, total } = selectAudit(this.deps.db, { ...f, limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
    return { rows, total, page: f.page, pageSize: f.pageSize };
  }

  exportCsv(f: Omit<AuditFilter, 'limit' | 'offset'>, encoding: CsvEncoding): { fileName: string; contentBase64: string; rows: number } {
    const { rows } = selectAudit(this.deps.db, { ...f, limit: 1_000_000, offset: 0 });
    const c = ja.audit.columns;
    const records = rows.map((r) => [
      formatDateTime(r.at), r.actor, r.action, r.targets.map((t) => ja.audit.target(t.name, t.loginId)).join(ja.audit.targetSeparator),
      r.result === 'ok' ? ja.audit.ok : ja.audit.error, r.detail,
    ].map(neutralise));
    const text = stringify([[c.at, c.actor, c.action, c.targets, c.result, c.detail], ...records], { record_delimiter: 'windows' });
    const stamp = formatDateTime(this.deps.clock.now()).replace(/[/: ]/g, '');
    // Shift_JIS cannot hold every name: characters it lacks would become 「?」, so such a log goes out as UTF-8.
    const safe = encoding === 'sjis' && unencodableInSjis(text).length > 0 ? 'utf8' : encoding;
    return { fileName: `audit-log-${stamp}.csv`, contentBase64: encodeCsv(text, safe).toString('base64'), rows: rows.length };
  }
}
