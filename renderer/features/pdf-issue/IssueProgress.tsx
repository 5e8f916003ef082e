import { useId } from 'react';
import { ja } from '../../../preload/i18n/ja';
import { ProgressBar } from '../../ui/ProgressBar';
import type { IssuePhase } from './use-pdf-issue';

const p = ja.pdfIssue;

/**
 * While a notice is made and handed over: 「通知書を作成しています…」 with a progress bar
 * (fed by the issueProgress event), then what the delivery waits for.
 */
export function IssueProgress({ phase, showBar }: { phase: IssuePhase; showBar: boolean }) {
  const labelId = useId();
  if (phase.name === 'preparing') {
    const total = phase.total;
    return (
      <div className="issue-progress">
        <p id={labelId} role="status">{p.preparing}</p>
        {showBar && (
          total !== null && total > 0 ? (
            <ProgressBar labelledBy={labelId} value={phase.done} max={total} text={p.progressText(Math.min(phase.done, total), total)} />
          ) : (
            <progress className="progress-bar" role="progressbar" aria-labelledby={labelId} />
          )
        )}
      </div>
    );
  }
  if (phase.name === 'delivering') {
    return <div className="issue-progress"><p role="status">{p.delivering[phase.way]}</p></div>;
  }
  return null;
}
