import { ja } from '../../../preload/i18n/ja';
import { adminApi } from '../../api/session-guard';
import { DestructiveConfirmDialog } from '../../ui/DestructiveConfirmDialog';

const e = ja.employeeForm;

/** 「すべてロック解除」: every locked login and kiosk passcode of the company opens at once, after a confirmation. */
export function UnlockAllDialog({ count, onDone, onClose }: { count: number; onDone(unlocked: number): void; onClose(): void }) {
  return (
    <DestructiveConfirmDialog
      title={e.unlockAllTitle}
      okLabel={e.unlockAll}
      cancelLabel={ja.duplicateDialog.cancel}
      onConfirm={async () => onDone((await adminApi['employees.unlockAll'](undefined)).unlocked)}
      onClose={onClose}
    >
      <p>{e.unlockAllLead(count)}</p>
    </DestructiveConfirmDialog>
  );
}
