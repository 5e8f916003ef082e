import { useId, type InputHTMLAttributes, type Ref } from 'react';
import { ja } from '../../preload/i18n/ja';
import { FieldError } from './FieldError';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  hint?: string;
  /** Marks the field; the check itself is the server's, so its message is the one shown. */
  isRequired?: boolean;
  announceError?: boolean;
  ref?: Ref<HTMLInputElement>;
}

/**
 * Label, input, hint and error, wired for assistive technology. The 必須 mark sits outside
 * the <label> so the field's accessible name is exactly the label text.
 */
export function TextField({ label, value, onChange, error, hint, isRequired, announceError, className, type = 'text', ...rest }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <div className="field-label-row">
        <label htmlFor={id} className="field-label">{label}</label>
        {isRequired && <span className="required-mark">{ja.employeeForm.required}</span>}
      </div>
      <input
        id={id}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-required={isRequired || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...rest}
      />
      {hint && <p id={hintId} className="field-hint">{hint}</p>}
      <FieldError id={errorId} message={error} announce={announceError} />
    </div>
  );
}
