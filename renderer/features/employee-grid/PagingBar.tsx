import type { GridPage } from '../../../preload/contract';
import { PAGE_SIZES } from '../../../preload/domain-types';
import { ja } from '../../../preload/i18n/ja';
import { useGridStore, type PageSize } from '../../stores/grid-store';
import { PagingControls } from '../../ui/PagingControls';

const g = ja.grid;

/** 「1 - 13人 (13人中)」「100 件」「前へ」「次へ」 */
export function PagingBar({ page }: { page: GridPage }) {
  const goToPage = useGridStore((s) => s.goToPage);
  const setPageSize = useGridStore((s) => s.setPageSize);
  const showLastLogin = useGridStore((s) => s.showLastLogin);
  const setShowLastLogin = useGridStore((s) => s.setShowLastLogin);

  return (
    <nav className="paging-bar" aria-label={g.pagingLabel}>
      <PagingControls<PageSize>
        range={g.range}
        page={page.page}
        pageSize={page.pageSize as PageSize}
        pageSizes={PAGE_SIZES}
        rows={page.rows.length}
        total={page.total}
        onPage={goToPage}
        onPageSize={setPageSize}
      />
      <label className="paging-option">
        <input type="checkbox" checked={showLastLogin} onChange={(e) => setShowLastLogin(e.target.checked)} />
        {g.showLastLogin}
      </label>
    </nav>
  );
}
