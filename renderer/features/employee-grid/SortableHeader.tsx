import { ja } from '../../../preload/i18n/ja';
import { useGridStore } from '../../stores/grid-store';
import type { GridColumn } from './grid-columns';

/** A column title that sorts: 「社員コード▲」 while active, plain otherwise. */
export function SortableHeader({ column }: { column: GridColumn }) {
  const sort = useGridStore((s) => s.query.sort);
  const direction = useGridStore((s) => s.query.direction);
  const sortBy = useGridStore((s) => s.sortBy);
  const active = sort === column.sortKey;
  const ariaSort = active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined;

  return (
    <th scope="col" aria-sort={ariaSort} className={`col-${column.sortKey}`}>
      <button type="button" className="sort-button" onClick={() => sortBy(column.sortKey)}>
        {column.label}
        {active && <span className="sort-mark">{ja.grid.sortMark[direction]}</span>}
      </button>
    </th>
  );
}
