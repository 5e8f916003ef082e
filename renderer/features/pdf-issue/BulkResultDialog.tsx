import type { IssueResult, IssueRowResult } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { Dialog } from '../../ui/Dialog';

const p = ja.pdfIssue;

/**
 * 「通知: PDF一括ダウンロード実行結果」: the counts, then one row per employee (ログインID,
 * 氏名, 実行結果, 備考). 「OK」 (or Escape) closes it.
 */
export function BulkResultDialog({ result, onClose }: { result: IssueResult; onClose(): void }) {
  const { success, failure, excluded } = result.counts;
  return (
    <Dialog
      title={p.resultTitle}
      onCancel={onClose}
      className="dialog-wide"
      actions={<button type="button" className="button button-primary" onClick={onClose}>{p.ok}</button>}
    >
      <p className="result-summary">{p.resultSummary(success, failure, excluded)}</p>
      <div className="table-scroll result-table-scroll">
        <table className="employee-table result-table" aria-label={p.resultTableLabel}>
          <thead>
            <tr>
              <th scope="col">{p.resultColumns.loginId}</th>
              <th scope="col">{p.resultColumns.name}</th>
              <th scope="col">{p.resultColumns.outcome}</th>
              <th scope="col">{p.resultColumns.note}</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((row) => (
              <tr key={row.employeeId} className={`result-${row.outcome}`}>
                <td className="col-loginId">{row.loginId}</td>
                <td>{row.name}</td>
                <td className="result-outcome">{outcomeLabel(row)}</td>
                <td className="result-note">{row.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Dialog>
  );
}

function outcomeLabel(row: IssueRowResult): string {
  // 'pending' belongs to a preview only; a result never carries it.
  return row.outcome === 'pending' ? '' : p.outcome[row.outcome];
}
