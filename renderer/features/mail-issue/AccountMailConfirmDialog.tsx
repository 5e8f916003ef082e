import { ja } from '../../../preload/i18n/ja';
import { Dialog } from '../../ui/Dialog';

const m = ja.mailIssue;

interface AccountMailConfirmDialogProps {
  address: string;
  onConfirm(): void;
  onCancel(): void;
}

/** Before 「アカウント通知メール送信」: the password in force stops working, so 「キャンセル」 has the focus. */
export function AccountMailConfirmDialog({ address, onConfirm, onCancel }: AccountMailConfirmDialogProps) {
  return (
    <Dialog
      title={m.sendAccount}
      onCancel={onCancel}
      actions={(
        <>
          <button type="button" className="button button-primary" onClick={onConfirm}>{m.accountConfirmOk}</button>
          <button type="button" className="button" data-autofocus onClick={onCancel}>{m.accountConfirmCancel}</button>
        </>
      )}
    >
      <p>{m.accountConfirm(address)}</p>
    </Dialog>
  );
}
