import { useState } from 'react';
import type { DuplicateAddressWarning, SaveEmployeeResult } from '../../../preload/contract';
import { ContractError } from '../../api/client';
import { describeError, type ErrorDetails } from '../../api/describe-error';

/**
 * A save that may come back with the duplicate-address warning (SPEC §10): the warnings to
 * show, 「OK」 (send again, accepting them) and 「キャンセル」 (back to the typing as it was).
 * A save refused because another screen changed the employee first (CONFLICT) reloads the
 * latest content (`onConflict`) under the refusal's message.
 */
export function useDuplicateCheckedSave(
  call: (acceptDuplicateWarnings: boolean) => Promise<SaveEmployeeResult>,
  onSaved: () => void,
  onConflict?: () => Promise<void>,
) {
  const [warnings, setWarnings] = useState<DuplicateAddressWarning[] | null>(null);
  const [error, setError] = useState<ErrorDetails | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(acceptDuplicateWarnings: boolean) {
    setBusy(true);
    setError(null);
    try {
      const result = await call(acceptDuplicateWarnings);
      if (result.status === 'needsConfirmation') {
        setWarnings(result.warnings);
        setBusy(false);
        return;
      }
      onSaved();
    } catch (e) {
      if (onConflict && e instanceof ContractError && e.code === 'CONFLICT') {
        try {
          await onConflict();
        } catch (reload) {
          setError(describeError(reload));
          setBusy(false);
          return;
        }
      }
      setError(describeError(e));
      setBusy(false);
    }
  }

  return {
    busy, error, setError, warnings,
    save: (): void => void save(false),
    accept: (): void => {
      setWarnings(null);
      void save(true);
    },
    dismiss: (): void => setWarnings(null),
  };
}
