import type { BulkMailRowState, BulkMailStatus } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { ResultDialog, type ResultColumn } from '../../ui/ResultDialog';
import { bounceReason } from '../employee-grid/StatusCells';

const b = ja.bulkMail;
const col = b.resultColumns;

type Row = BulkMailStatus['rows'][number];

const ROW_CLASS: Record<BulkMailRowState, string> = {
  sent: 'result-success', failed: 'result-failure', excluded: 'result-excluded', pending: 'result-excluded', sending: 'result-excluded',
  uncertain: 'result-failure',
};

const COLUMNS: readonly ResultColumn<Row>[] = [
  { label: col.loginId, className: 'col-loginId', cell: (r) => r.loginId },
  { label: col.name, cell: (r) => r.name },
  { label: col.address, cell: (r) => r.address },
  { label: col.outcome, className: 'result-outcome', cell: (r) => (r.bounce ? ja.bounce.failed : b.outcome[r.state]) },
  { label: col.note, className: 'result-note', cell: (r) => (r.bounce ? ja.bounce.bulkRowNote(bounceReason(r.bounce), r.bounce.status) : r.note) },
];

/** 「通知: メール一括送信実行結果」: the counts, then one row per employee. */
export function BulkMailResultDialog({ status, onClose }: { status: BulkMailStatus; onClose(): void }) {
  return (
    <ResultDialog
      title={b.resultTitle}
      summary={b.resultSummary(status.sent, status.failed, status.excluded, status.uncertain) + (status.bounced ? ja.bounce.bulkSummary(status.bounced) : '')}
      tableLabel={b.resultTableLabel}
      columns={COLUMNS}
      rows={status.rows}
      rowKey={(r, i) => `${i}/${r.employeeId ?? ''}`}
      rowClass={(r) => (r.bounce ? 'result-failure' : ROW_CLASS[r.state])}
      okLabel={b.ok}
      onClose={onClose}
    />
  );
}
