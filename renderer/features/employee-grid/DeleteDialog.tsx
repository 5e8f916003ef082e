import { useState } from 'react';
import type { EmployeeRow } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { describeError } from '../../api/describe-error';
import { adminApi } from '../../api/session-guard';
import { Dialog } from '../../ui/Dialog';
import { employeeName } from './employee-name';

const d = ja.deleteDialog;

interface DeleteDialogProps {
  selectedRows: readonly EmployeeRow[];
  onDeleted(count: number): void;
  onCancel(): void;
}

/** 「選択して削除」's confirmation: the names, minus the 法人管理者 who cannot be deleted. */
export function DeleteDialog({ selectedRows, onDeleted, onCancel }: DeleteDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const targets = selectedRows.filter((r) => !r.isCompanyAdmin);
  const adminSelected = targets.length < selectedRows.length;

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const { deleted } = await adminApi['employees.delete']({ ids: targets.map((r) => r.id) });
      onDeleted(deleted);
    } catch (e) {
      setError(describeError(e).message);
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={d.title}
      onCancel={onCancel}
      actions={(
        <>
          <button type="button" className="button button-danger" disabled={busy || targets.length === 0} onClick={() => void confirm()}>{d.ok}</button>
          <button type="button" className="button" data-autofocus onClick={onCancel}>{d.cancel}</button>
        </>
      )}
    >
      {targets.length > 0 ? (
        <>
          <p>{d.lead(targets.length)}</p>
          <ul className="dialog-list">
            {targets.map((r) => <li key={r.id}>{employeeName(r)}<span className="dialog-list-sub">{r.loginId}</span></li>)}
          </ul>
          <p className="dialog-note">{d.note}</p>
        </>
      ) : (
        <p>{d.nothing}</p>
      )}
      {adminSelected && <p className="dialog-note dialog-note-warning">{d.adminExcluded}</p>}
      {error && <p role="alert" className="notice notice-error">{error}</p>}
    </Dialog>
  );
}
