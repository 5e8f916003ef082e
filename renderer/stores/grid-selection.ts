/**
 * The rules of the grid's selection (pure, so they can be tested without a screen). The
 * selection is the rows ticked within one search: it lives while the administrator pages and
 * sorts, and ends when the search changes or the rows change under it (rows added or removed
 * by another window, an import, a deletion) — ticks must never come back armed on rows the
 * administrator did not choose. Each button counts only the rows it would act on.
 */
import type { EmployeeRow } from '../../preload/contract';
import type { GridQuery } from '../../preload/schemas';

/** The ticked rows by id, each with its latest known data (rows on other pages: as last seen). */
export type Selection = ReadonlyMap<number, EmployeeRow>;
export const NO_SELECTION: Selection = new Map();

/** What a fetched page showed: enough to tell a page turn or a new order from rows that changed. */
export interface GridView {
  /** the search: free text and status filters */
  search: string;
  /** the search, the order and the page */
  page: string;
  total: number;
  ids: readonly number[];
}

export function viewOf(query: GridQuery, total: number, rows: readonly EmployeeRow[]): GridView {
  const search = JSON.stringify([query.text, query.password, query.passcode, query.verification]);
  return {
    search,
    page: JSON.stringify([search, query.sort, query.direction, query.page, query.pageSize]),
    total,
    ids: rows.map((r) => r.id),
  };
}

/**
 * After a page arrived: the selection with the rows' fresh data, or none. Paging and sorting
 * within the search keep it; another search, another number of rows, or other rows on the very
 * same page (same search, order and page) end it.
 */
export function selectionAfter(selected: Selection, before: GridView | null, after: GridView, rows: readonly EmployeeRow[]): Selection {
  if (selected.size === 0) return selected;
  if (before === null || before.search !== after.search || before.total !== after.total) return NO_SELECTION;
  if (before.page === after.page && !sameIds(before.ids, after.ids)) return NO_SELECTION;
  const next = new Map(selected);
  for (const row of rows) if (next.has(row.id)) next.set(row.id, row);
  return next;
}

const sameIds = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/** Ticks or unticks one row of the page. */
export function toggled(selected: Selection, row: EmployeeRow): Selection {
  const next = new Map(selected);
  if (!next.delete(row.id)) next.set(row.id, row);
  return next;
}

/** The header checkbox: the page's rows added to the selection, or taken out of it. */
export function withPage(selected: Selection, rows: readonly EmployeeRow[], select: boolean): Selection {
  const next = new Map(selected);
  for (const row of rows) {
    if (select) next.set(row.id, row);
    else next.delete(row.id);
  }
  return next;
}

/** The selected rows in the grid's order: those on the page shown first, as shown; then the others, as ticked. */
export function orderedSelection(selected: Selection, pageRows: readonly EmployeeRow[]): EmployeeRow[] {
  const onPage = pageRows.filter((r) => selected.has(r.id)).map((r) => selected.get(r.id)!);
  const shown = new Set(onPage.map((r) => r.id));
  return [...onPage, ...[...selected.values()].filter((r) => !shown.has(r.id))];
}

/** 「選択して削除 N」: the 法人管理者 can never be deleted, so never counted. */
export const deletable = (rows: readonly EmployeeRow[]): EmployeeRow[] => rows.filter((r) => !r.isCompanyAdmin);

/** 「選択してパスワード発行 N」: the rows the company's 通知手段 can issue in bulk. */
export const bulkIssuable = (rows: readonly EmployeeRow[]): EmployeeRow[] => rows.filter((r) => r.bulkIssuable);
