import { useEffect, useMemo, useState } from 'react';
import type { VerificationStatus } from '../../../preload/domain-types';
import { ja } from '../../../preload/i18n/ja';
import { useFlashStore } from '../../stores/flash-store';
import { NO_FILTERS, useGridStore } from '../../stores/grid-store';
import { orderedSelection } from '../../stores/grid-selection';
import { useNavigationStore } from '../../stores/navigation-store';
import { AggregatePanel, AggregateToggle } from './AggregatePanel';
import { BulkActionBar } from './BulkActionBar';
import { CredentialExpiryNotice } from './CredentialExpiryNotice';
import { DeleteDialog } from './DeleteDialog';
import { BulkMailGridLine } from '../bulk-mail/BulkMailGridLine';
import { PasscodeBulkDialog } from '../pdf-issue/PasscodeBulkDialog';
import { EmployeeTable } from './EmployeeTable';
import { GridHeader } from './GridHeader';
import { PagingBar } from './PagingBar';
import type { RowLinks } from './row-links';
import { SearchConditionBar } from './SearchConditionBar';
import { SearchPanel } from './SearchPanel';
import { UnlockAllDialog } from './UnlockAllDialog';
import { useGridLiveRefresh } from './use-grid-live-refresh';

/** 社員情報管理 (SPEC §3). */
export function EmployeeGridScreen() {
  const page = useGridStore((s) => s.page);
  const loading = useGridStore((s) => s.loading);
  const error = useGridStore((s) => s.error);
  const selected = useGridStore((s) => s.selected);
  const fetchGrid = useGridStore((s) => s.fetch);
  const applyFilters = useGridStore((s) => s.applyFilters);
  const clearSelection = useGridStore((s) => s.clearSelection);
  const goTo = useNavigationStore((s) => s.goTo);
  const showFlash = useFlashStore((s) => s.show);
  const [searchOpen, setSearchOpen] = useState(false);
  const [aggregateOpen, setAggregateOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [passcodeBulk, setPasscodeBulk] = useState(false);
  const [unlockingAll, setUnlockingAll] = useState(false);

  useEffect(() => {
    void fetchGrid();
  }, [fetchGrid]);
  useGridLiveRefresh();

  const links: RowLinks = useMemo(() => ({
    openEmployee: (row) => goTo({ name: 'employeeEdit', employeeId: row.id }),
    openPasswordIssue: (row) => goTo({ name: 'pdfIssue', kind: 'password', employeeId: row.id, reissue: false }),
    openMailIssue: (row) => goTo({ name: 'mailIssue', employeeId: row.id }),
    openPasscodeIssue: (row) => goTo({ name: 'pdfIssue', kind: 'passcode', employeeId: row.id, reissue: false }),
  }), [goTo]);

  // As on the source screens: the panel folds away and 「検索条件 (認証状態:未)」 takes over.
  function pickVerification(status: VerificationStatus) {
    setAggregateOpen(false);
    applyFilters({ ...NO_FILTERS, verification: [status] });
  }
  function pickBounced() {
    setAggregateOpen(false);
    applyFilters({ ...NO_FILTERS, mailError: true });
  }
  // every ticked row of the search, those on this page first in its order
  const selectedRows = orderedSelection(selected, page?.rows ?? []);

  // 「パスワード一括発行」 for the selected rows, by PDF or by mail as the company delivers.
  function issueSelected() {
    if (page?.notifyMethod === 'pdf') goTo({ name: 'passwordBulkIssue', rows: selectedRows });
    else goTo({ name: 'mailBulkIssue', employeeIds: selectedRows.map((r) => r.id) });
  }

  function passcodeBulkClosed(ran: boolean) {
    setPasscodeBulk(false);
    if (!ran) return;
    clearSelection();
    void fetchGrid();
  }

  function deleted(count: number) {
    setDeleting(false);
    clearSelection();
    showFlash(ja.deleteDialog.done(count));
    void fetchGrid();
  }

  return (
    <section className="screen employee-grid-screen" aria-labelledby="grid-title" aria-busy={loading || undefined}>
      <GridHeader
        searchOpen={searchOpen}
        onRegister={() => goTo({ name: 'employeeCreate' })}
        onToggleSearch={() => setSearchOpen((o) => !o)}
        onFileIo={() => goTo({ name: 'fileIo' })}
        onRefresh={() => void fetchGrid()}
        refreshing={loading}
      />
      <CredentialExpiryNotice onOpenSettings={() => goTo({ name: 'smtpSettings' })} />
      {searchOpen && page && <SearchPanel notifyMethod={page.notifyMethod} onClose={() => setSearchOpen(false)} />}
      <SearchConditionBar />
      {error && <p role="alert" className="notice notice-error">{error}</p>}
      {page ? (
        <>
          <PagingBar page={page} />
          <BulkActionBar
            page={page}
            onDelete={() => setDeleting(true)}
            onIssue={issueSelected}
            onPasscodeBulk={() => setPasscodeBulk(true)}
            onUnlockAll={() => setUnlockingAll(true)}
            start={page.notifyMethod === 'mail' && <AggregateToggle open={aggregateOpen} onToggle={() => setAggregateOpen((o) => !o)} />}
          />
          {page.notifyMethod === 'mail' && aggregateOpen && <AggregatePanel page={page} onPick={pickVerification} onPickBounced={pickBounced} />}
          <BulkMailGridLine onDetails={(jobId) => goTo({ name: 'mailBulkJob', jobId })} />
          <EmployeeTable page={page} links={links} />
        </>
      ) : (
        !error && <p className="app-loading-inline">{ja.app.loading}</p>
      )}
      {deleting && (
        <DeleteDialog selectedRows={selectedRows} onDeleted={deleted} onCancel={() => setDeleting(false)} />
      )}
      {passcodeBulk && page && <PasscodeBulkDialog count={page.passcodeUnissued} onClose={passcodeBulkClosed} />}
      {unlockingAll && page && (
        <UnlockAllDialog
          count={page.lockedCount}
          onDone={(n) => {
            showFlash(ja.employeeForm.unlockedAll(n));
            void fetchGrid();
          }}
          onClose={() => setUnlockingAll(false)}
        />
      )}
    </section>
  );
}
