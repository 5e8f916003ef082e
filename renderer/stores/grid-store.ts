/**
 * The 社員情報管理 grid: the query (paging, sort, search conditions), the page the server
 * returned for it, and the selected rows. Every change of the query refetches.
 */
import { create } from 'zustand';
import type { GridPage } from '../../preload/contract';
import type { GridSortKey } from '../../preload/domain-types';
import type { GridQuery } from '../../preload/schemas';
import { adminApi } from '../api/session-guard';
import { describeError, isUnauthorized } from '../api/describe-error';

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
  selectedIds: ReadonlySet<number>;
  /** the optional 最終ログイン日時 column */
  showLastLogin: boolean;
  setShowLastLogin(show: boolean): void;
  fetch(): Promise<void>;
  goToPage(page: number): void;
  setPageSize(pageSize: PageSize): void;
  /** Clicking the active column flips the direction; another column starts ascending. */
  sortBy(key: GridSortKey): void;
  applyFilters(filters: GridFilters): void;
  toggleRow(id: number): void;
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
    selectedIds: new Set(),

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
        const present = new Set(page.rows.map((r) => r.id));
        set((s) => ({
          page,
          loading: false,
          error: null,
          query: { ...s.query, page: page.page },
          selectedIds: new Set([...s.selectedIds].filter((id) => present.has(id))),
        }));
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
    applyFilters: (filters) => refetchWith({ ...filters, page: 1 }),

    toggleRow: (id) =>
      set((s) => {
        const next = new Set(s.selectedIds);
        if (!next.delete(id)) next.add(id);
        return { selectedIds: next };
      }),
    selectPage: (selected) =>
      set((s) => ({ selectedIds: new Set(selected ? (s.page?.rows ?? []).map((r) => r.id) : []) })),
    clearSelection: () => set({ selectedIds: new Set() }),
    reset() {
      latestRequest++;
      set({ query: INITIAL_QUERY, page: null, loading: false, error: null, selectedIds: new Set() });
    },
  };
});
