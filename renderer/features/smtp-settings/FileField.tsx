import { useId } from 'react';
import { FieldError } from '../../ui/FieldError';

interface FileFieldProps {
  label: string;
  accept: string;
  onPick(file: File | undefined): void;
  error?: string;
  className?: string;
}

/** A file chosen for a credential (read only when the form is saved). */
export function FileField({ label, accept, onPick, error, className }: FileFieldProps) {
  const id = useId();
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id} className="field-label">{label}</label>
      <input
        id={id}
        type="file"
        accept={accept}
        onChange={(e) => onPick(e.target.files?.[0])}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <FieldError id={`${id}-error`} message={error} announce />
    </div>
  );
}
