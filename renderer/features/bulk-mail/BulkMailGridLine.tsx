import { useId } from 'react';
import { ja } from '../../../preload/i18n/ja';
import { LinkButton } from '../../ui/LinkButton';
import { ProgressBar } from '../../ui/ProgressBar';
import { interrupted, processed } from './job-progress';
import { useLatestBulkMail } from './use-latest-bulk-mail';

const b = ja.bulkMail;
/** the uncertain rows named on the line; 「詳細」 lists them all */
const NAMES_SHOWN = 3;

/**
 * Above the grid: 「メール一括送信中: 送信済 X件 / 全 N件」 with a small bar and 「詳細」
 * while a job runs; 「中断されたメール一括送信があります（残り N件）。」 with 「再開」 after a restart,
 * naming the employees whose mail may or may not have gone out and what to do about them.
 */
export function BulkMailGridLine({ onDetails }: { onDetails(jobId: string): void }) {
  const labelId = useId();
  const { job, uncertainNames, error, resuming, resume } = useLatestBulkMail();
  if (!job) return null;
  if (job.running) {
    // 全 N: the mails of the job (rows excluded from the start are not sent to).
    const text = b.gridRunning(job.sent, job.total - job.excluded) + (job.bounced ? ja.bounce.bulkRunning(job.bounced) : '');
    return (
      <div className="bulk-mail-line">
        <span id={labelId}>{text}</span>
        <ProgressBar labelledBy={labelId} value={processed(job)} max={job.total} text={text} showText={false} className="bulk-mail-line-bar" />
        <LinkButton onClick={() => onDetails(job.jobId)}>{b.gridDetails}</LinkButton>
      </div>
    );
  }
  if (!interrupted(job)) {
    // the batch is over, and some of its mails came back since: say so, with the way to its result
    if (!job.bounced) return null;
    return (
      <div className="bulk-mail-line bulk-mail-line-bounced">
        <span>{ja.bounce.bulkGridLine(job.bounced)}</span>
        <LinkButton onClick={() => onDetails(job.jobId)}>{b.gridDetails}</LinkButton>
      </div>
    );
  }
  return (
    <div className="bulk-mail-line bulk-mail-line-interrupted">
      <span>{b.gridInterrupted(job.pending)}</span>
      <button type="button" className="button button-small" disabled={resuming} onClick={() => void resume()}>{b.resume}</button>
      <LinkButton onClick={() => onDetails(job.jobId)}>{b.gridDetails}</LinkButton>
      {error && <span role="alert" className="field-error">{error}</span>}
      {job.uncertain > 0 && (
        <p className="bulk-mail-line-uncertain">
          {b.gridUncertain(job.uncertain, uncertainNames.slice(0, NAMES_SHOWN))}
          <br />
          {b.gridUncertainAdvice}
        </p>
      )}
    </div>
  );
}
