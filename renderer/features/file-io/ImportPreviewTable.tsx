import { memo, useMemo } from 'react';
import type { ImportPreviewRow } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { visibleRows } from './preview-rows';

const f = ja.fileIo;

const actionLabel = (row: ImportPreviewRow): string => (row.errors.length > 0 ? f.action.error : f.action[row.action]);
const rowClass = (row: ImportPreviewRow): string | undefined =>
  row.errors.length > 0 ? 'import-row-error' : row.warnings.length > 0 ? 'import-row-warning' : undefined;

/** 「取り込みプレビュー」: one line per CSV row, problems in full, quiet rows up to a limit. */
export const ImportPreviewTable = memo(function ImportPreviewTable({ rows }: { rows: readonly ImportPreviewRow[] }) {
  const { shown, hidden } = useMemo(() => visibleRows(rows), [rows]);
  const c = f.columns;
  return (
    <>
      <div className="table-scroll import-table-scroll">
        <table className="employee-table import-table" aria-label={f.tableLabel}>
          <thead>
            <tr>
              <th scope="col" className="col-line">{c.line}</th>
              <th scope="col">{c.action}</th>
              <th scope="col">{c.loginId}</th>
              <th scope="col">{c.name}</th>
              <th scope="col">{c.detail}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.line} className={rowClass(row)}>
                <td className="col-line">{row.line}</td>
                <td className="import-action">{actionLabel(row)}</td>
                <td>{row.loginId}</td>
                <td>{row.name}</td>
                <td className="import-detail">
                  {(row.errors.length > 0 || row.warnings.length > 0) && (
                    <ul className="import-messages">
                      {row.errors.map((m) => <li key={`e:${m}`} className="import-error">{m}</li>)}
                      {row.warnings.map((m) => <li key={`w:${m}`} className="import-warning">{m}</li>)}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hidden > 0 && <p className="import-more">{f.moreRows(hidden)}</p>}
    </>
  );
});
