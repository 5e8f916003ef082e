interface CheckboxGroupProps<T extends string> {
  legend: string;
  options: readonly T[];
  labels: Record<T, string>;
  selected: readonly T[];
  onChange(selected: T[]): void;
}

/** A fieldset of status checkboxes (「パスワードで絞込み」 …), kept in the options' order. */
export function CheckboxGroup<T extends string>({ legend, options, labels, selected, onChange }: CheckboxGroupProps<T>) {
  const toggle = (option: T) =>
    onChange(options.filter((o) => (o === option ? !selected.includes(o) : selected.includes(o))));
  return (
    <fieldset className="checkbox-group">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option} className="checkbox-label">
          <input type="checkbox" checked={selected.includes(option)} onChange={() => toggle(option)} />
          {labels[option]}
        </label>
      ))}
    </fieldset>
  );
}
