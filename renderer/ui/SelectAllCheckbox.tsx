import { useEffect, useRef } from 'react';

interface SelectAllCheckboxProps {
  /** the rows that can be ticked */
  eligibleIds: readonly number[];
  ticked: ReadonlySet<number>;
  disabled: boolean;
  onChange(next: ReadonlySet<number>): void;
  label: string;
}

/** A table's header checkbox: ticks or unticks every eligible row; half-ticked when some are. */
export function SelectAllCheckbox({ eligibleIds, ticked, disabled, onChange, label }: SelectAllCheckboxProps) {
  const ref = useRef<HTMLInputElement>(null);
  const tickedCount = eligibleIds.filter((id) => ticked.has(id)).length;
  const all = eligibleIds.length > 0 && tickedCount === eligibleIds.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = tickedCount > 0 && !all;
  }, [tickedCount, all]);
  return (
    <input
      ref={ref}
      type="checkbox"
      checked={all}
      disabled={disabled || eligibleIds.length === 0}
      onChange={() => onChange(new Set(all ? [] : eligibleIds))}
      aria-label={label}
    />
  );
}
