/** The mail bulk screen's rows: the selected employees as they are now, loaded again on demand. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BulkMailPreview } from '../../../preload/contract';
import { describeError } from '../../api/describe-error';
import { adminApi } from '../../api/session-guard';

export type BulkMailRow = BulkMailPreview['rows'][number];
export type AddressSlot = BulkMailRow['addresses'][number]['slot'];

export type PreviewLoad =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'loaded'; preview: BulkMailPreview };

const EMPTY: BulkMailPreview = { rows: [], duplicates: [], estimateSecondsPerMail: 0 };

/** A row that can be ticked: 未発行/未 with at least one address. */
export const selectable = (row: BulkMailRow): boolean => row.eligible && row.addresses.length > 0;

export function useBulkMailPreview(employeeIds: readonly number[]) {
  const [load, setLoad] = useState<PreviewLoad>({ status: 'loading' });
  // Only the latest answer may land.
  const latest = useRef(0);

  /** Resolves with the new rows (null when the call failed or a newer one was made). */
  const refresh = useCallback(async (): Promise<BulkMailPreview | null> => {
    const request = ++latest.current;
    try {
      const preview = employeeIds.length === 0 ? EMPTY : await adminApi['bulkMail.preview']({ ids: [...employeeIds] });
      if (request !== latest.current) return null;
      setLoad({ status: 'loaded', preview });
      return preview;
    } catch (e) {
      if (request === latest.current) setLoad({ status: 'failed', message: describeError(e).message });
      return null;
    }
  }, [employeeIds]);

  useEffect(() => {
    void refresh();
    return () => {
      latest.current++;
    };
  }, [refresh]);

  return { load, refresh };
}
