import { useState, type ReactNode } from 'react';
import { describeError } from '../api/describe-error';
import { Dialog } from './Dialog';

interface DestructiveConfirmDialogProps {
  title: string;
  /** the question, and anything else the administrator should read first */
  children: ReactNode;
  okLabel: string;
  cancelLabel: string;
  /** shown while the action runs */
  busyNote?: string;
  /** resolves once done; throws the server's refusal, shown in the dialog */
  onConfirm(): Promise<void>;
  onClose(): void;
}

/** A confirmation for something that cannot be undone: 「キャンセル」 has the focus. */
export function DestructiveConfirmDialog(p: DestructiveConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await p.onConfirm();
      p.onClose();
    } catch (e) {
      setError(describeError(e).message);
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={p.title}
      onCancel={p.onClose}
      actions={(
        <>
          <button type="button" className="button button-danger" disabled={busy} aria-busy={busy || undefined} onClick={() => void confirm()}>
            {p.okLabel}
          </button>
          <button type="button" className="button" data-autofocus onClick={p.onClose}>{p.cancelLabel}</button>
        </>
      )}
    >
      {p.children}
      {busy && p.busyNote && <p className="dialog-note">{p.busyNote}</p>}
      {error && <p role="alert" className="notice notice-error">{error}</p>}
    </Dialog>
  );
}
