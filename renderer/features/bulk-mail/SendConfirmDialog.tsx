import { useEffect, useState } from 'react';
import { ja } from '../../../preload/i18n/ja';
import { describeError } from '../../api/describe-error';
import { adminApi } from '../../api/session-guard';
import { Dialog } from '../../ui/Dialog';
import { LoopbackWarning } from '../portal-reach/LoopbackWarning';
import { durationText } from './estimate-text';

const b = ja.bulkMail;

interface SendConfirmDialogProps {
  /** the mails to send (the ticked rows) */
  count: number;
  /** starts the job; throws the server's refusal */
  onConfirm(): Promise<void>;
  onCancel(): void;
}

type Estimate = { status: 'loading' } | { status: 'done'; seconds: number } | { status: 'failed'; message: string };

/** 「N件の認証要求メールを送信します。送信には約S秒かかります。」 then 「送信する」/「キャンセル」. */
export function SendConfirmDialog({ count, onConfirm, onCancel }: SendConfirmDialogProps) {
  const [estimate, setEstimate] = useState<Estimate>({ status: 'loading' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    adminApi['bulkMail.estimate']({ count }).then(
      ({ seconds }) => current && setEstimate({ status: 'done', seconds }),
      (e: unknown) => current && setEstimate({ status: 'failed', message: describeError(e).message }),
    );
    return () => {
      current = false;
    };
  }, [count]);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      setError(describeError(e).message);
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={b.confirmTitle}
      onCancel={() => {
        if (!busy) onCancel();
      }}
      actions={(
        <>
          <button type="button" className="button button-primary" disabled={busy || estimate.status === 'loading'} onClick={() => void confirm()}>
            {b.confirmOk}
          </button>
          <button type="button" className="button" disabled={busy} onClick={onCancel}>{b.confirmCancel}</button>
        </>
      )}
    >
      {estimate.status === 'loading' && <p role="status">{b.estimating}</p>}
      {estimate.status === 'done' && <p className="confirm-lead">{b.confirm(count, durationText(estimate.seconds))}</p>}
      {estimate.status === 'failed' && <p role="alert" className="notice notice-error">{estimate.message}</p>}
      <p className="dialog-note">{b.confirmNote}</p>
      <LoopbackWarning medium="mail" offerSettings={false} />
      {error && <p role="alert" className="notice notice-error">{error}</p>}
    </Dialog>
  );
}
