import { useEffect, useRef } from 'react';
import type { GridPage } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { useGridStore } from '../../stores/grid-store';
import { EmployeeTableRow } from './EmployeeTableRow';
import { GRID_COLUMNS } from './grid-columns';
import type { RowLinks } from './row-links';
import { SortableHeader } from './SortableHeader';

/** The header checkbox: ticked when the whole page is, half-ticked when part of it is. */
function SelectPageCheckbox({ rowIds }: { rowIds: readonly number[] }) {
  const selectedIds = useGridStore((s) => s.selectedIds);
  const selectPage = useGridStore((s) => s.selectPage);
  const ref = useRef<HTMLInputElement>(null);
  const selectedOnPage = rowIds.filter((id) => selectedIds.has(id)).length;
  const all = rowIds.length > 0 && selectedOnPage === rowIds.length;

  useEffect(() => {
    // indeterminate exists only as a DOM property, not as an attribute React could set
    if (ref.current) ref.current.indeterminate = selectedOnPage > 0 && !all;
  }, [selectedOnPage, all]);

  return (
    <input
      ref={ref}
      type="checkbox"
      checked={all}
      disabled={rowIds.length === 0}
      onChange={() => selectPage(!all)}
      aria-label={ja.grid.selectAll}
    />
  );
}

export function EmployeeTable({ page, links }: { page: GridPage; links: RowLinks }) {
  const selectedIds = useGridStore((s) => s.selectedIds);
  const toggleRow = useGridStore((s) => s.toggleRow);
  const showLastLogin = useGridStore((s) => s.showLastLogin);
  const columns = GRID_COLUMNS.filter((c) => (!c.mailOnly || page.notifyMethod === 'mail') && (!c.optional || showLastLogin));

  return (
    <div className="table-scroll">
      <table className="employee-table" aria-label={ja.grid.title}>
        <thead>
          <tr>
            <th scope="col" className="col-select"><SelectPageCheckbox rowIds={page.rows.map((r) => r.id)} /></th>
            {columns.map((c) => <SortableHeader key={c.sortKey} column={c} />)}
          </tr>
        </thead>
        <tbody>
          {page.rows.map((row) => (
            <EmployeeTableRow
              key={row.id}
              row={row}
              notifyMethod={page.notifyMethod}
              showLastLogin={showLastLogin}
              selected={selectedIds.has(row.id)}
              onToggle={toggleRow}
              links={links}
            />
          ))}
          {page.rows.length === 0 && (
            <tr><td colSpan={columns.length + 1} className="table-empty">{ja.grid.empty}</td></tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
