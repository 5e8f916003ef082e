import type { IssueResult, IssueRowResult } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { ResultDialog, type ResultColumn } from '../../ui/ResultDialog';

const p = ja.pdfIssue;

const COLUMNS: readonly ResultColumn<IssueRowResult>[] = [
  { label: p.resultColumns.loginId, className: 'col-loginId', cell: (r) => r.loginId },
  { label: p.resultColumns.name, cell: (r) => r.name },
  // 'pending' belongs to a preview only; a result never carries it.
  { label: p.resultColumns.outcome, className: 'result-outcome', cell: (r) => (r.outcome === 'pending' ? '' : p.outcome[r.outcome]) },
  { label: p.resultColumns.note, className: 'result-note', cell: (r) => r.note },
];

/**
 * 「通知: PDF一括ダウンロード実行結果」: the counts, then one row per employee (ログインID,
 * 氏名, 実行結果, 備考). 「OK」 (or Escape) closes it.
 */
export function BulkResultDialog({ result, onClose }: { result: IssueResult; onClose(): void }) {
  const { success, failure, excluded } = result.counts;
  return (
    <ResultDialog
      title={p.resultTitle}
      summary={p.resultSummary(success, failure, excluded)}
      tableLabel={p.resultTableLabel}
      columns={COLUMNS}
      rows={result.rows}
      rowKey={(r) => r.employeeId}
      rowClass={(r) => `result-${r.outcome}`}
      okLabel={p.ok}
      onClose={onClose}
    />
  );
}
