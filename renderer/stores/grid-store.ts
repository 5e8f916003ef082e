/**
 * The 社員情報管理 grid: the query (paging, sort, search conditions), the page the server
 * returned for it, and the selected rows (their rules: grid-selection.ts). Every change of the
 * query refetches.
 */
import { create } from 'zustand';
import type { GridPage } from '../../preload/contract';
import type { GridSortKey } from '../../preload/domain-types';
import type { GridQuery } from '../../preload/schemas';
import { adminApi } from '../api/session-guard';
import { describeError, isUnauthorized } from '../api/describe-error';
import {
  NO_SELECTION, selectionAfter, toggled, viewOf, withPage, type GridView, type Selection,
} from './grid-selection';

export type GridFilters = Pick<GridQuery, 'text' | 'password' | 'passcode' | 'verification' | 'mailError'>;
export type PageSize = GridQuery['pageSize'];

export const NO_FILTERS: GridFilters = { text: '', password: [], passcode: [], verification: [], mailError: false };

const INITIAL_QUERY: GridQuery = {
  page: 1, pageSize: 100, sort: 'code', direction: 'asc', ...NO_FILTERS,
};

interface GridState {
  query: GridQuery;
  page: GridPage | null;
  loading: boolean;
  error: string | null;
  /** the ticked rows, across the pages of the current search */
  selected: Selection;
  /** what the last page showed (tells a page turn from rows that changed under the selection) */
  view: GridView | null;
  /** the optional 最終ログイン日時 column */
  showLastLogin: boolean;
  setShowLastLogin(show: boolean): void;
  fetch(): Promise<void>;
  goToPage(page: number): void;
  setPageSize(pageSize: PageSize): void;
  /** Clicking the active column flips the direction; another column starts ascending. */
  sortBy(key: GridSortKey): void;
  applyFilters(filters: GridFilters): void;
  /** ticks or unticks a row of the page shown */
  toggleRow(id: number): void;
  /** the header checkbox: the page shown, added or taken out */
  selectPage(selected: boolean): void;
  clearSelection(): void;
  reset(): void;
}

// Only the answer to the latest request may land: a slow old answer must not overwrite a newer one.
let latestRequest = 0;

export const useGridStore = create<GridState>()((set, get) => {
  const refetchWith = (change: Partial<GridQuery>) => {
    set((s) => ({ query: { ...s.query, ...change } }));
    void get().fetch();
  };

  return {
    query: INITIAL_QUERY,
    showLastLogin: false,
    setShowLastLogin: (showLastLogin) => set({ showLastLogin }),
    page: null,
    loading: false,
    error: null,
    selected: NO_SELECTION,
    view: null,

    async fetch() {
      const request = ++latestRequest;
      const { query } = get();
      set({ loading: true });
      try {
        const page = await adminApi['employees.list'](query);
        if (request !== latestRequest) return;
        // The 認証状態 filter means nothing once the company has switched to PDF.
        if (page.notifyMethod === 'pdf' && (query.verification.length > 0 || query.mailError)) {
          refetchWith({ verification: [], mailError: false, page: 1 });
          return;
        }
        set((s) => {
          const view = viewOf({ ...query, page: page.page }, page.total, page.rows);
          return {
            page,
            view,
            loading: false,
            error: null,
            query: { ...s.query, page: page.page },
            selected: selectionAfter(s.selected, s.view, view, page.rows),
          };
        });
      } catch (e) {
        if (request !== latestRequest) return;
        set({ loading: false, error: isUnauthorized(e) ? null : describeError(e).message });
      }
    },

    goToPage: (page) => refetchWith({ page }),
    setPageSize: (pageSize) => refetchWith({ pageSize, page: 1 }),
    sortBy(key) {
      const { sort, direction } = get().query;
      refetchWith({ sort: key, direction: sort === key && direction === 'asc' ? 'desc' : 'asc', page: 1 });
    },
    applyFilters(filters) {
      // a new search is a new selection
      set({ selected: NO_SELECTION });
      refetchWith({ ...filters, page: 1 });
    },

    toggleRow: (id) =>
      set((s) => {
        const row = s.page?.rows.find((r) => r.id === id);
        return row ? { selected: toggled(s.selected, row) } : {};
      }),
    selectPage: (select) => set((s) => ({ selected: withPage(s.selected, s.page?.rows ?? [], select) })),
    clearSelection: () => set({ selected: NO_SELECTION }),
    reset() {
      latestRequest++;
      set({ query: INITIAL_QUERY, page: null, view: null, loading: false, error: null, selected: NO_SELECTION });
    },
  };
});
