import { useId } from 'react';
import { ja } from '../../preload/i18n/ja';

const g = ja.grid;

interface PagingControlsProps<N extends number> {
  /** 「1 - 100人 (250人中)」: the screen words its own range */
  range(first: number, last: number, total: number): string;
  page: number;
  pageSize: N;
  pageSizes: readonly N[];
  /** rows on this page */
  rows: number;
  total: number;
  onPage(page: number): void;
  onPageSize(pageSize: N): void;
}

/** The range, 「表示件数」, 「前へ」 and 「次へ」; the caller wraps them (a <nav>, more options). */
export function PagingControls<N extends number>({ range, page, pageSize, pageSizes, rows, total, onPage, onPageSize }: PagingControlsProps<N>) {
  const selectId = useId();
  const first = rows > 0 ? (page - 1) * pageSize + 1 : 0;
  const last = rows > 0 ? first + rows - 1 : 0;
  const hasNext = page * pageSize < total;

  return (
    <>
      <span className="paging-range">{range(first, last, total)}</span>
      <label htmlFor={selectId} className="visually-hidden">{g.pageSizeLabel}</label>
      <select
        id={selectId}
        className="page-size"
        value={pageSize}
        onChange={(e) => onPageSize(pageSizes.find((n) => n === Number(e.target.value)) ?? pageSize)}
      >
        {pageSizes.map((n) => <option key={n} value={n}>{g.pageSize(n)}</option>)}
      </select>
      <button type="button" className="button button-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {g.prev}
      </button>
      <button type="button" className="button button-small" disabled={!hasNext} onClick={() => onPage(page + 1)}>
        {g.next}
      </button>
    </>
  );
}
