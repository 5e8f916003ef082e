import { ja } from '../../../preload/i18n/ja';
import { ProgressBar } from '../../ui/ProgressBar';
import { processed, type JobProgress } from './job-progress';

const b = ja.bulkMail;

/** 「送信済: X件 送信失敗: Y件 残り: Z件」 with the bar (every row done with counts). */
export function JobProgressBar({ progress }: { progress: JobProgress }) {
  return (
    <div className="issue-progress bulk-mail-progress">
      <ProgressBar
        label={b.progressLabel}
        value={processed(progress)}
        max={progress.total}
        text={b.progressText(progress.sent, progress.failed, progress.pending)}
      />
    </div>
  );
}
