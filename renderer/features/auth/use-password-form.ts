import { useState, type FormEvent } from 'react';
import { describeError, type ErrorDetails } from '../../api/describe-error';

/**
 * The submit of a screen that sets a password (first start, the forced change): the confirmation is
 * checked here and never leaves the window; then the call. On success the session moves on to
 * another screen, so the button stays disabled; a refusal shows its errors and enables it again.
 */
export function usePasswordForm() {
  const [error, setError] = useState<ErrorDetails | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(
    e: FormEvent, confirmation: { password: string; confirm: string; field: string; mismatch: string }, call: () => Promise<unknown>,
  ) {
    e.preventDefault();
    if (confirmation.password !== confirmation.confirm) {
      setError({ message: confirmation.mismatch, fieldErrors: { [confirmation.field]: confirmation.mismatch } });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call();
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  }

  return {
    submit,
    busy,
    fieldError: (key: string) => error?.fieldErrors[key],
    generalError: error && Object.keys(error.fieldErrors).length === 0 ? error.message : null,
  };
}
