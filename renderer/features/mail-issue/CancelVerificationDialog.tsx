import { ja } from '../../../preload/i18n/ja';
import { DestructiveConfirmDialog } from '../../ui/DestructiveConfirmDialog';

const m = ja.mailIssue;

/** 「認証要求の取り消し」's confirmation: the links sent stop working. */
export function CancelVerificationDialog({ onConfirm, onClose }: { onConfirm(): Promise<void>; onClose(): void }) {
  return (
    <DestructiveConfirmDialog title={m.cancel} okLabel={m.cancelOk} cancelLabel={m.cancelCancel} onConfirm={onConfirm} onClose={onClose}>
      <p>{m.cancelConfirm}</p>
    </DestructiveConfirmDialog>
  );
}
