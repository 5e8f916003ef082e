import { useState } from 'react';
import type { IssueResult } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { Dialog } from '../../ui/Dialog';
import { BulkResultDialog } from './BulkResultDialog';
import { DeliveryButtons } from './DeliveryButtons';
import { IssueProgress } from './IssueProgress';
import { LoopbackWarning } from '../portal-reach/LoopbackWarning';
import { UnprintableWarning } from './UnprintableWarning';
import { usePdfIssue, type IssueAction } from './use-pdf-issue';

const p = ja.pdfIssue;

interface PasscodeBulkDialogProps {
  /** employees whose passcode is 未発行, whole company (the N of 「パスコード一括発行 N」) */
  count: number;
  /** closed, with (after a run) or without a result */
  onClose(ran: boolean): void;
}

/**
 * 「パスコード一括発行 N」: a confirmation, then the progress, then the result dialog. The
 * server picks every 未発行 employee at the moment of the press.
 */
export function PasscodeBulkDialog({ count, onClose }: PasscodeBulkDialogProps) {
  const { phase, busy, run, decide } = usePdfIssue('passcode');
  const [result, setResult] = useState<IssueResult | null>(null);

  async function issue(action: IssueAction) {
    const done = await run({ kind: 'passcode', mode: 'allUnissued' }, action, count);
    if (done) setResult(done);
  }

  if (result) return <BulkResultDialog result={result} onClose={() => onClose(true)} />;
  return (
    <Dialog
      title={p.passcodeBulkTitle}
      onCancel={() => {
        if (!busy) onClose(false);
      }}
      actions={(
        <>
          <DeliveryButtons onPress={(a) => void issue(a)} disabled={busy || count === 0} />
          <button type="button" className="button" disabled={busy} onClick={() => onClose(false)}>{p.cancel}</button>
        </>
      )}
    >
      <p>{p.passcodeBulkLead(count)}</p>
      <p className="issue-warning">{p.notKept.passcode}</p>
      <LoopbackWarning medium="notice" offerSettings={false} />
      <IssueProgress phase={phase} showBar />
      <UnprintableWarning phase={phase} onDecide={decide} />
      {phase.name === 'failed' && <p role="alert" className="notice notice-error">{phase.message}</p>}
    </Dialog>
  );
}
