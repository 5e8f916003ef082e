import { useId } from 'react';
import type { GridPage } from '../../../preload/contract';
import { PAGE_SIZES } from '../../../preload/domain-types';
import { ja } from '../../../preload/i18n/ja';
import { useGridStore, type PageSize } from '../../stores/grid-store';

const g = ja.grid;

/** 「1 - 13人 (13人中)」「100 件」「前へ」「次へ」 */
export function PagingBar({ page }: { page: GridPage }) {
  const goToPage = useGridStore((s) => s.goToPage);
  const setPageSize = useGridStore((s) => s.setPageSize);
  const showLastLogin = useGridStore((s) => s.showLastLogin);
  const setShowLastLogin = useGridStore((s) => s.setShowLastLogin);
  const selectId = useId();
  const first = page.rows.length > 0 ? (page.page - 1) * page.pageSize + 1 : 0;
  const last = page.rows.length > 0 ? first + page.rows.length - 1 : 0;
  const hasNext = page.page * page.pageSize < page.total;

  return (
    <nav className="paging-bar" aria-label={g.pagingLabel}>
      <span className="paging-range">{g.range(first, last, page.total)}</span>
      <label htmlFor={selectId} className="visually-hidden">{g.pageSizeLabel}</label>
      <select
        id={selectId}
        className="page-size"
        value={page.pageSize}
        onChange={(e) => setPageSize(Number(e.target.value) as PageSize)}
      >
        {PAGE_SIZES.map((n) => <option key={n} value={n}>{g.pageSize(n)}</option>)}
      </select>
      <button type="button" className="button button-small" disabled={page.page <= 1} onClick={() => goToPage(page.page - 1)}>
        {g.prev}
      </button>
      <button type="button" className="button button-small" disabled={!hasNext} onClick={() => goToPage(page.page + 1)}>
        {g.next}
      </button>
      <label className="paging-option">
        <input type="checkbox" checked={showLastLogin} onChange={(e) => setShowLastLogin(e.target.checked)} />
        {g.showLastLogin}
      </label>
    </nav>
  );
}
