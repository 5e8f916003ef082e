import { ja } from '../../preload/i18n/ja';
import type { ErrorDetails } from '../api/describe-error';

/** The top-of-form summary of a refused save: every field's message, or the one message. */
export function ErrorSummary({ error }: { error: ErrorDetails | null }) {
  if (!error) return null;
  const fieldMessages = [...new Set(Object.values(error.fieldErrors))];
  return (
    <div role="alert" className="error-summary">
      {fieldMessages.length > 0 ? (
        <>
          <p className="error-summary-title">{ja.validation.invalidInput}</p>
          <ul>{fieldMessages.map((m) => <li key={m}>{m}</li>)}</ul>
        </>
      ) : (
        <p>{error.message}</p>
      )}
    </div>
  );
}
