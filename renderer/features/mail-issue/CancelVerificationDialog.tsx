import { useState } from 'react';
import { ja } from '../../../preload/i18n/ja';
import { describeError } from '../../api/describe-error';
import { Dialog } from '../../ui/Dialog';

const m = ja.mailIssue;

interface CancelVerificationDialogProps {
  /** resolves once cancelled; throws the server's refusal */
  onConfirm(): Promise<void>;
  onClose(): void;
}

/** 「認証要求の取り消し」's confirmation: destructive, so 「キャンセル」 has the focus. */
export function CancelVerificationDialog({ onConfirm, onClose }: CancelVerificationDialogProps) {
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
      title={m.cancel}
      onCancel={onClose}
      actions={(
        <>
          <button type="button" className="button button-danger" disabled={busy} onClick={() => void confirm()}>{m.cancelOk}</button>
          <button type="button" className="button" data-autofocus onClick={onClose}>{m.cancelCancel}</button>
        </>
      )}
    >
      <p>{m.cancelConfirm}</p>
      {error && <p role="alert" className="notice notice-error">{error}</p>}
    </Dialog>
  );
}
