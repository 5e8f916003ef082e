import { useState } from 'react';
import type { BackupInfo } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { describeError } from '../../api/describe-error';
import { Dialog } from '../../ui/Dialog';
import { formatDateTime } from '../../ui/format-date-time';

const b = ja.backup;

interface RestoreDialogProps {
  backup: BackupInfo;
  /** resolves once restored; throws the server's refusal */
  onConfirm(): Promise<void>;
  onClose(): void;
}

/** 「復元」's confirmation: the current data is replaced, so 「キャンセル」 has the focus. */
export function RestoreDialog({ backup, onConfirm, onClose }: RestoreDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (e) {
      setError(describeError(e).message);
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={b.restoreTitle}
      onCancel={onClose}
      actions={(
        <>
          <button type="button" className="button button-danger" disabled={busy} aria-busy={busy || undefined} onClick={() => void confirm()}>
            {b.restoreOk}
          </button>
          <button type="button" className="button" data-autofocus onClick={onClose}>{b.restoreCancel}</button>
        </>
      )}
    >
      <p>{b.restoreConfirm(formatDateTime(backup.createdAt))}</p>
      {busy && <p className="dialog-note">{b.restoring}</p>}
      {error && <p role="alert" className="notice notice-error">{error}</p>}
    </Dialog>
  );
}
