import { useId } from 'react';

export interface RadioOption<T extends string> {
  value: T;
  /** the radio's accessible name, exactly */
  label: string;
  /** a line under the choice, read out as the radio's description */
  description?: string;
  disabled?: boolean;
}

interface RadioGroupProps<T extends string> {
  legend: string;
  options: readonly RadioOption<T>[];
  value: T;
  onChange(value: T): void;
  disabled?: boolean;
  className?: string;
}

/** A fieldset of radios: the legend names the group, each label names its radio. */
export function RadioGroup<T extends string>({ legend, options, value, onChange, disabled, className }: RadioGroupProps<T>) {
  const name = useId();
  return (
    <fieldset className={className ? `choice-group ${className}` : 'choice-group'} disabled={disabled}>
      <legend className="choice-legend">{legend}</legend>
      <div className="choice-options">
        {options.map((o) => {
          const descriptionId = o.description ? `${name}-${o.value}-description` : undefined;
          return (
            <div key={o.value} className="choice-option">
              <label className="radio-label">
                <input
                  type="radio"
                  name={name}
                  value={o.value}
                  checked={value === o.value}
                  disabled={o.disabled}
                  aria-describedby={descriptionId}
                  onChange={() => onChange(o.value)}
                />
                {o.label}
              </label>
              {o.description && <p id={descriptionId} className="choice-description">{o.description}</p>}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
