import type { MailHistoryEntry } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { formatDateTime } from '../../../preload/i18n/format-date-time';

const m = ja.mailIssue;
const c = m.historyColumns;

/** 「メール送信履歴」: every verification and account mail of this employee, newest first. */
export function MailHistoryTable({ history }: { history: readonly MailHistoryEntry[] }) {
  if (history.length === 0) return <p className="table-empty-text">{m.historyEmpty}</p>;
  return (
    <div className="table-scroll history-table-scroll">
      <table className="employee-table history-table" aria-label={m.historyLabel}>
        <thead>
          <tr>
            <th scope="col">{c.sentAt}</th>
            <th scope="col">{c.address}</th>
            <th scope="col">{c.kind}</th>
            <th scope="col">{c.result}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h, i) => (
            <tr key={`${h.sentAt}/${i}`} className={`history-${h.result}`}>
              <td className="history-time">{formatDateTime(h.sentAt)}</td>
              <td>{h.address}</td>
              <td>{m.kind[h.kind]}</td>
              <td className="history-result">
                <span className="history-outcome">{m.result[h.result]}</span>
                {h.detail && <>{' '}<span className="history-detail">{h.detail}</span></>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
