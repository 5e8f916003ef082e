import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { defaultRangeExtractor, measureElement, useVirtualizer, type Range } from '@tanstack/react-virtual';
import type { EmployeeRow, GridPage } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { useGridStore } from '../../stores/grid-store';
import { EmployeeTableRow } from './EmployeeTableRow';
import { GRID_COLUMNS } from './grid-columns';
import type { RowLinks } from './row-links';
import { SortableHeader } from './SortableHeader';

/** Pages of up to this many rows render every row; longer ones (500 件, 1000 件) only those in view. */
const VIRTUALISE_OVER = 100;
/** A row's height before any is measured (one line of 14 px text, padding and border); then the last measured one's. */
const ROW_HEIGHT_ESTIMATE = 35;
/**
 * Rows rendered beyond each edge of the view, so that scrolling and Tab find them ready. Few: every
 * row in the DOM costs each scrolled frame its layout. In the bench's fast scroll (8 rows a frame),
 * with 12 the frame times' p95 was 33 ms in 8 of 12 runs, with 3 it was 17 ms in 9 of 10
 * (alternating runs of npm run bench -- --only renderer).
 */
const OVERSCAN = 3;

/** The header checkbox: ticked when the whole page is, half-ticked when part of it is. */
function SelectPageCheckbox({ rowIds }: { rowIds: readonly number[] }) {
  const selected = useGridStore((s) => s.selected);
  const selectPage = useGridStore((s) => s.selectPage);
  const ref = useRef<HTMLInputElement>(null);
  const selectedOnPage = rowIds.filter((id) => selected.has(id)).length;
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

/** What the grid shows, apart from the rows' contents: when it changes, the table scrolls back to its top. */
function useViewKey(page: GridPage): string {
  const query = useGridStore((s) => JSON.stringify([s.query.sort, s.query.direction, s.query.text, s.query.password, s.query.passcode, s.query.verification]));
  return `${page.page}/${page.pageSize}/${query}`;
}

/** The element's height, kept current as it changes (fonts loading, columns shown or hidden). */
function useHeightOf(ref: RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setHeight(el.offsetHeight);
    const observer = new ResizeObserver(() => setHeight(el.offsetHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return height;
}

/**
 * The stripes are `tr:nth-child(even)`, and the top spacer row is a child too: starting on an odd
 * row (or on row 0, with no spacer) keeps every row on the stripe it has in a plain table.
 */
function keepStripes(range: Range): number[] {
  const indexes = defaultRangeExtractor(range);
  const first = indexes[0];
  return first !== undefined && first > 0 && first % 2 === 0 ? [first - 1, ...indexes] : indexes;
}

/** The room of the rows not rendered, as one empty row, so that the columns stay those of a normal table. */
function SpacerRow({ height, colSpan }: { height: number; colSpan: number }) {
  return (
    <tr className="virtual-spacer" aria-hidden="true">
      <td colSpan={colSpan} style={{ height }} />
    </tr>
  );
}

type RenderRow = (row: EmployeeRow, index?: number, measureRef?: (el: HTMLTableRowElement | null) => void) => ReactNode;

/** The rows of a long page: those in view (and a few beyond), between two spacer rows. */
function VirtualRows({ rows, colSpan, scrollRef, headRef, renderRow }: {
  rows: readonly EmployeeRow[];
  colSpan: number;
  scrollRef: RefObject<HTMLDivElement | null>;
  headRef: RefObject<HTMLTableSectionElement | null>;
  renderRow: RenderRow;
}) {
  // The rows start below the sticky header, inside the same scroll container.
  const headHeight = useHeightOf(headRef);
  // Every row is one line high: the rows not yet measured are as high as those that were, so the
  // scroll bar is right from the start and the bottom stays the bottom.
  const rowHeight = useRef(ROW_HEIGHT_ESTIMATE);
  const getItemKey = useCallback((index: number) => rows[index]!.id, [rows]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight.current,
    measureElement: (el, entry, instance) => (rowHeight.current = measureElement(el, entry, instance)),
    getItemKey,
    overscan: OVERSCAN,
    scrollMargin: headHeight,
    rangeExtractor: keepStripes,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) {
    // Before the container is measured: its room only, for a moment.
    return <tbody><SpacerRow height={virtualizer.getTotalSize()} colSpan={colSpan} /></tbody>;
  }
  const above = first.start - headHeight;
  const below = virtualizer.getTotalSize() - (last.end - headHeight);
  return (
    <tbody>
      {first.index > 0 && <SpacerRow height={above} colSpan={colSpan} />}
      {items.map((item) => renderRow(rows[item.index]!, item.index, virtualizer.measureElement))}
      {last.index < rows.length - 1 && <SpacerRow height={below} colSpan={colSpan} />}
    </tbody>
  );
}

export function EmployeeTable({ page, links }: { page: GridPage; links: RowLinks }) {
  const selected = useGridStore((s) => s.selected);
  const toggleRow = useGridStore((s) => s.toggleRow);
  const showLastLogin = useGridStore((s) => s.showLastLogin);
  const columns = GRID_COLUMNS.filter((c) => (!c.mailOnly || page.notifyMethod === 'mail') && (!c.optional || showLastLogin));
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLTableSectionElement>(null);
  const virtual = page.rows.length > VIRTUALISE_OVER;
  const viewKey = useViewKey(page);

  useEffect(() => {
    // Another page, order or search starts at its first row, not where the last one was left.
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [viewKey]);

  const renderRow: RenderRow = (row, index, measureRef) => (
    <EmployeeTableRow
      key={row.id}
      row={row}
      notifyMethod={page.notifyMethod}
      showLastLogin={showLastLogin}
      selected={selected.has(row.id)}
      onToggle={toggleRow}
      links={links}
      index={index}
      measureRef={measureRef}
    />
  );

  return (
    <div className="table-scroll" ref={scrollRef}>
      <table className="employee-table" aria-label={ja.grid.title} aria-rowcount={virtual ? page.rows.length + 1 : undefined}>
        <thead ref={headRef}>
          <tr aria-rowindex={virtual ? 1 : undefined}>
            <th scope="col" className="col-select"><SelectPageCheckbox rowIds={page.rows.map((r) => r.id)} /></th>
            {columns.map((c) => <SortableHeader key={c.sortKey} column={c} />)}
          </tr>
        </thead>
        {virtual ? (
          <VirtualRows rows={page.rows} colSpan={columns.length + 1} scrollRef={scrollRef} headRef={headRef} renderRow={renderRow} />
        ) : (
          <tbody>
            {page.rows.map((row) => renderRow(row))}
            {page.rows.length === 0 && (
              <tr><td colSpan={columns.length + 1} className="table-empty">{ja.grid.empty}</td></tr>
            )}
          </tbody>
        )}
      </table>
    </div>
  );
}
