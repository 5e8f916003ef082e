import { ja } from '../../../preload/i18n/ja';

const m = ja.mailIssue;

/** 「認証 → 発行 → ログイン」 with the current step marked; `current` 3 means all done. */
export function IssueSteps({ current }: { current: number }) {
  return (
    <ol className="issue-steps" aria-label={m.stepsLabel}>
      {m.steps.map((label, i) => {
        const state = i < current ? 'done' : i === current ? 'current' : 'todo';
        return (
          <li key={label} className={`issue-step issue-step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="issue-step-label">
              {state === 'done' && <span className="issue-step-check" aria-hidden="true">{m.stepCheck}</span>}
              {label}
            </span>
            {state === 'done' && <span className="visually-hidden">{m.stepDone}</span>}
            {i < m.steps.length - 1 && <span className="issue-step-arrow" aria-hidden="true">{m.stepArrow}</span>}
          </li>
        );
      })}
    </ol>
  );
}
