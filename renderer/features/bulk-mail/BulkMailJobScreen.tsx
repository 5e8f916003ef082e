import { ja } from '../../../preload/i18n/ja';
import { useGridStore } from '../../stores/grid-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { BulkMailResultDialog } from './BulkMailResultDialog';
import { interrupted } from './job-progress';
import { JobProgressBar } from './JobProgressBar';
import { useBulkMailJob } from './use-bulk-mail-job';

const b = ja.bulkMail;

/**
 * A bulk mail job: the progress while it runs (the administrator may leave; it goes on),
 * then 「通知: メール一括送信実行結果」; 「OK」 goes back to the refreshed grid.
 */
export function BulkMailJobScreen({ jobId }: { jobId: string }) {
  const goTo = useNavigationStore((s) => s.goTo);
  const { progress, result, error } = useBulkMailJob(jobId);
  const titleId = 'mail-bulk-job-title';

  function finish() {
    const grid = useGridStore.getState();
    grid.clearSelection();
    void grid.fetch();
    goTo({ name: 'employees' });
  }

  const lead = !progress ? null : progress.running ? b.running : interrupted(progress) ? b.interruptedLead : b.finished;
  return (
    <section className="screen mail-bulk-job-screen" aria-labelledby={titleId}>
      <div className="screen-header">
        <h1 id={titleId} className="screen-title">{ja.pdfIssue.bulkTitle}</h1>
      </div>
      <div className="issue-panel">
        {!progress && !error && <p className="app-loading-inline">{ja.app.loading}</p>}
        {error && <p role="alert" className="notice notice-error">{error}</p>}
        {progress && (
          <>
            <p className="issue-lead">{lead}</p>
            <JobProgressBar progress={progress} />
            {progress.running && <p className="issue-hint">{b.leaveHint}</p>}
          </>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={finish}>{b.back}</button>
        </div>
      </div>
      {result && <BulkMailResultDialog status={result} onClose={finish} />}
    </section>
  );
}
