interface ProgressBarProps {
  /** how far: done of total */
  value: number;
  max: number;
  /** 「3 / 10人」: shown next to the bar and read out as its value */
  text: string;
  /** the id of the element naming the bar, or its name itself */
  labelledBy?: string;
  label?: string;
  className?: string;
  /** false: the text is only read out (a label nearby already says it) */
  showText?: boolean;
}

/**
 * A determinate progress bar with its text beside it: role="progressbar" with
 * aria-valuenow/aria-valuemax, the text as aria-valuetext (and hidden from reading twice).
 */
export function ProgressBar({ value, max, text, labelledBy, label, className, showText = true }: ProgressBarProps) {
  const now = Math.min(Math.max(value, 0), max);
  return (
    <div className={className ? `progress-row ${className}` : 'progress-row'}>
      <progress
        className="progress-bar"
        role="progressbar"
        aria-labelledby={labelledBy}
        aria-label={labelledBy ? undefined : label}
        max={max}
        value={now}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={now}
        aria-valuetext={text}
      />
      {showText && <span className="progress-text" aria-hidden="true">{text}</span>}
    </div>
  );
}
