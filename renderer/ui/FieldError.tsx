interface FieldErrorProps {
  id: string;
  message: string | undefined;
  /** Announce it by itself (role="alert"), for forms that have no summary at the top. */
  announce?: boolean;
}

/** One field's message, placed under it; the field points here with aria-describedby. */
export function FieldError({ id, message, announce }: FieldErrorProps) {
  if (!message) return null;
  return <p id={id} className="field-error" role={announce ? 'alert' : undefined}>{message}</p>;
}
