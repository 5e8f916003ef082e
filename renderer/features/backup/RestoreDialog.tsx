import type { BackupInfo } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { DestructiveConfirmDialog } from '../../ui/DestructiveConfirmDialog';
import { formatDateTime } from '../../../preload/i18n/format-date-time';

const b = ja.backup;

/** 「復元」's confirmation: the current data is replaced by the backup's. */
export function RestoreDialog({ backup, onConfirm, onClose }: { backup: BackupInfo; onConfirm(): Promise<void>; onClose(): void }) {
  return (
    <DestructiveConfirmDialog
      title={b.restoreTitle} okLabel={b.restoreOk} cancelLabel={b.restoreCancel} busyNote={b.restoring}
      onConfirm={onConfirm} onClose={onClose}
    >
      <p>{b.restoreConfirm(formatDateTime(backup.createdAt))}</p>
    </DestructiveConfirmDialog>
  );
}
