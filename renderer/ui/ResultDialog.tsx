import type { ReactNode } from 'react';
import { Dialog } from './Dialog';

export interface ResultColumn<R> {
  label: string;
  /** the cell's class, e.g. 'result-outcome' or 'result-note' */
  className?: string;
  cell(row: R): ReactNode;
}

interface ResultDialogProps<R> {
  /** 「通知: …実行結果」 */
  title: string;
  /** 「…成功: N件 …失敗: N件 対象外: N件」 */
  summary: string;
  tableLabel: string;
  columns: readonly ResultColumn<R>[];
  rows: readonly R[];
  rowKey(row: R, index: number): string | number;
  /** a row's class: result-success / result-failure / result-excluded */
  rowClass(row: R): string;
  okLabel: string;
  onClose(): void;
}

/** A bulk run's result: the counts, then one row per employee. 「OK」 (or Escape) closes it. */
export function ResultDialog<R>({ title, summary, tableLabel, columns, rows, rowKey, rowClass, okLabel, onClose }: ResultDialogProps<R>) {
  return (
    <Dialog
      title={title}
      onCancel={onClose}
      className="dialog-wide"
      actions={<button type="button" className="button button-primary" onClick={onClose}>{okLabel}</button>}
    >
      <p className="result-summary">{summary}</p>
      <div className="table-scroll result-table-scroll">
        <table className="employee-table result-table" aria-label={tableLabel}>
          <thead>
            <tr>{columns.map((c) => <th key={c.label} scope="col">{c.label}</th>)}</tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={rowKey(row, i)} className={rowClass(row)}>
                {columns.map((c) => <td key={c.label} className={c.className}>{c.cell(row)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Dialog>
  );
}
