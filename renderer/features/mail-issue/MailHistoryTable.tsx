import type { MailHistoryEntry } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { formatDateTime } from '../../../preload/i18n/format-date-time';
import { bounceReason } from '../employee-grid/StatusCells';

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
            <tr key={`${h.sentAt}/${i}`} className={h.bounce ? `history-bounce-${h.bounce.kind}` : `history-${h.result}`}>
              <td className="history-time">{formatDateTime(h.sentAt)}</td>
              <td>{h.address}</td>
              <td>{m.kind[h.kind]}</td>
              <td className="history-result">
                {h.bounce ? (
                  // a report came back for this mail (送信エラーの確認): the server's diagnostic line only
                  <>
                    <span className="history-outcome">{h.bounce.kind === 'failed' ? ja.bounce.failed : ja.bounce.delayed}</span>{' '}
                    <span className="history-detail">
                      {ja.bounce.historyDetail(bounceReason(h.bounce), h.bounce.status, formatDateTime(h.bounce.at).slice(0, 16), h.bounce.diagnostic)}
                    </span>
                    {h.bounce.kind === 'failed' && i === 0 && <span className="history-note">{ja.bounce.historyNote[h.kind]}</span>}
                  </>
                ) : (
                  <>
                    <span className="history-outcome">{m.result[h.result]}</span>
                    {h.detail && <>{' '}<span className="history-detail">{h.detail}</span></>}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
