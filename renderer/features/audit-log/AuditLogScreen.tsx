import { ja } from '../../../preload/i18n/ja';
import { PagingControls } from '../../ui/PagingControls';
import { AuditExportForm } from './AuditExportForm';
import { AuditFilterForm } from './AuditFilterForm';
import { AuditTable } from './AuditTable';
import { AUDIT_PAGE_SIZES, useAuditLog } from './use-audit-log';

/** 「操作ログ」 (SPEC §12): who did what to whom and when, searched, paged and downloaded. */
export function AuditLogScreen() {
  const { filter, shown, loading, error, search, goToPage, setPageSize } = useAuditLog();

  return (
    <section className="screen audit-screen" aria-labelledby="audit-title">
      <div className="screen-header">
        <h1 id="audit-title" className="screen-title">{ja.audit.title}</h1>
      </div>
      <AuditFilterForm onSearch={search} />
      <div className="audit-toolbar">
        {shown && (
          <nav className="paging-bar" aria-label={ja.grid.pagingLabel}>
            <PagingControls
              range={ja.audit.range}
              page={shown.query.page}
              pageSize={shown.query.pageSize}
              pageSizes={AUDIT_PAGE_SIZES}
              rows={shown.page.rows.length}
              total={shown.page.total}
              onPage={goToPage}
              onPageSize={setPageSize}
            />
          </nav>
        )}
        <AuditExportForm filter={filter} />
      </div>
      {error && <p role="alert" className="notice notice-error">{error}</p>}
      {!shown && !error && <p className="app-loading-inline">{ja.app.loading}</p>}
      {shown && <AuditTable rows={shown.page.rows} busy={loading} />}
    </section>
  );
}
