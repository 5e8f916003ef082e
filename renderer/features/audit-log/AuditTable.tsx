import type { AuditEntry } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { formatDateTime } from '../../../preload/i18n/format-date-time';

const a = ja.audit;
const c = a.columns;

const targetsText = (targets: AuditEntry['targets']) =>
  targets.map((t) => a.target(t.name, t.loginId)).join(a.targetSeparator);

/** 「操作ログ」: one row per administrator action, newest first; 失敗 in red. */
export function AuditTable({ rows, busy }: { rows: readonly AuditEntry[]; busy: boolean }) {
  if (rows.length === 0) return <p className="table-empty-text">{a.empty}</p>;
  return (
    <div className="table-scroll audit-table-scroll">
      <table className="employee-table audit-table" aria-label={a.tableLabel} aria-busy={busy || undefined}>
        <thead>
          <tr>
            <th scope="col">{c.at}</th>
            <th scope="col">{c.actor}</th>
            <th scope="col">{c.action}</th>
            <th scope="col">{c.targets}</th>
            <th scope="col">{c.result}</th>
            <th scope="col">{c.detail}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={`audit-${r.result}`}>
              <td className="audit-at">{formatDateTime(r.at)}</td>
              <td>{r.actor}</td>
              <td>{r.action}</td>
              <td className="audit-targets">{targetsText(r.targets)}</td>
              <td className="audit-result">{r.result === 'ok' ? a.ok : a.error}</td>
              <td className="audit-detail">{r.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
