/**
 * The 操作ログ's query (conditions, page, page size) and the page the server returned for
 * it. The page shown stays until the next one arrives, with the query it answers, so the
 * range 「1 - 100件」 always matches the rows on screen.
 */
import { useEffect, useState } from 'react';
import type { AuditPage, MethodParsedInput } from '../../../preload/contract';
import { describeError } from '../../api/describe-error';
import { adminApi } from '../../api/session-guard';
import { NO_FILTER, type AuditFilter } from './audit-filter';

export type AuditPageSize = MethodParsedInput<'audit.list'>['pageSize'];
export const AUDIT_PAGE_SIZES: readonly AuditPageSize[] = [50, 100, 500];

export interface AuditQuery {
  filter: AuditFilter;
  page: number;
  pageSize: AuditPageSize;
}

const INITIAL: AuditQuery = { filter: NO_FILTER, page: 1, pageSize: 100 };

export function useAuditLog() {
  const [query, setQuery] = useState<AuditQuery>(INITIAL);
  const [shown, setShown] = useState<{ query: AuditQuery; page: AuditPage } | null>(null);
  const [failed, setFailed] = useState<{ query: AuditQuery; message: string } | null>(null);

  useEffect(() => {
    let current = true;
    adminApi['audit.list']({ ...query.filter, page: query.page, pageSize: query.pageSize }).then(
      (page) => {
        if (!current) return;
        setShown({ query, page });
        setFailed(null);
      },
      (e: unknown) => current && setFailed({ query, message: describeError(e).message }),
    );
    return () => {
      current = false;
    };
  }, [query]);

  return {
    /** the conditions in force: what 「CSVダウンロード」 exports */
    filter: query.filter,
    shown,
    loading: shown?.query !== query && failed?.query !== query,
    error: failed?.query === query ? failed.message : null,
    /** 「検索」 (again: the same conditions look once more) */
    search: (filter: AuditFilter) => setQuery((q) => ({ ...q, filter, page: 1 })),
    goToPage: (page: number) => setQuery((q) => ({ ...q, page })),
    setPageSize: (pageSize: AuditPageSize) => setQuery((q) => ({ ...q, pageSize, page: 1 })),
  };
}
