import { useState } from 'react';
import type { MethodInput } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { adminApi } from '../../api/session-guard';
import { useFlashStore } from '../../stores/flash-store';
import { useGridStore } from '../../stores/grid-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { CountButton } from '../../ui/CountButton';
import { AddressEntryDialog } from './AddressEntryDialog';
import { BulkMailTable } from './BulkMailTable';
import { DuplicateAddressWarning } from './DuplicateAddressWarning';
import { PreviewLink } from './PreviewLink';
import { SendConfirmDialog } from './SendConfirmDialog';
import { useBulkMailChoice } from './use-bulk-mail-choice';
import { selectable, useBulkMailPreview, type BulkMailRow } from './use-bulk-mail-preview';
import { LoopbackWarning } from '../portal-reach/LoopbackWarning';

const b = ja.bulkMail;
const NO_ROWS: readonly BulkMailRow[] = [];

/**
 * 「パスワード一括発行」 in mail mode (SPEC §6): the employees selected in the grid, the
 * address each is sent to, and 「認証要求メール送信 N」. The job then runs in the background.
 */
export function BulkMailScreen({ employeeIds }: { employeeIds: readonly number[] }) {
  const goTo = useNavigationStore((s) => s.goTo);
  const showFlash = useFlashStore((s) => s.show);
  const { load, refresh } = useBulkMailPreview(employeeIds);
  const rows = load.status === 'loaded' ? load.preview.rows : NO_ROWS;
  const choice = useBulkMailChoice(rows);
  const [editing, setEditing] = useState<BulkMailRow | null>(null);
  const [confirming, setConfirming] = useState(false);
  const back = () => goTo({ name: 'employees' });
  const titleId = 'mail-bulk-title';

  async function addressSaved(row: BulkMailRow) {
    setEditing(null);
    showFlash(b.addressSaved(row.name));
    const preview = await refresh();
    const fresh = preview?.rows.find((r) => r.employeeId === row.employeeId);
    if (fresh && selectable(fresh)) choice.tick(row.employeeId);
  }

  async function start() {
    // The ticked rows, plus the ones shown as not sent to: the job lists those as 対象外 with the reason.
    const items: MethodInput<'bulkMail.start'>['items'] = rows
      .filter((r) => choice.ticked.has(r.employeeId) || !selectable(r))
      .map((r) => ({ id: r.employeeId, slot: choice.slotOf(r) ?? 1 }));
    const status = await adminApi['bulkMail.start']({ items });
    // The batch is handed over: the grid's ticks have done their work.
    useGridStore.getState().clearSelection();
    goTo({ name: 'mailBulkJob', jobId: status.jobId });
  }

  return (
    <section className="screen mail-bulk-screen" aria-labelledby={titleId}>
      <div className="screen-header">
        <h1 id={titleId} className="screen-title">{ja.pdfIssue.bulkTitle}</h1>
      </div>
      <div className="issue-panel">
        {load.status === 'loading' && <p className="app-loading-inline">{ja.app.loading}</p>}
        {load.status === 'failed' && <p role="alert" className="notice notice-error">{load.message}</p>}
        {load.status === 'loaded' && (
          <>
            <p className="issue-lead">{b.lead(rows.filter((r) => r.eligible).length)}</p>
            <LoopbackWarning medium="mail" />
            {rows.length === 0 ? (
              <p className="notice notice-info">{b.nothingSelected}</p>
            ) : (
              <>
                <p className="issue-hint">{b.hint}</p>
                <DuplicateAddressWarning preview={load.preview} />
                <BulkMailTable
                  rows={rows}
                  ticked={choice.ticked}
                  slotOf={choice.slotOf}
                  disabled={confirming}
                  onTicked={choice.setTicked}
                  onSlot={choice.setSlot}
                  onEditAddress={setEditing}
                />
              </>
            )}
          </>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={back}>{b.back}</button>
          <CountButton
            label={b.send}
            count={choice.tickedRows.length}
            className="button button-primary"
            disabled={choice.tickedRows.length === 0}
            onClick={() => setConfirming(true)}
          />
        </div>
        <PreviewLink employeeId={choice.tickedRows[0]?.employeeId ?? null} />
      </div>
      {editing && (
        <AddressEntryDialog employee={editing} onSaved={() => void addressSaved(editing)} onCancel={() => setEditing(null)} />
      )}
      {confirming && (
        <SendConfirmDialog count={choice.tickedRows.length} onConfirm={start} onCancel={() => setConfirming(false)} />
      )}
    </section>
  );
}
