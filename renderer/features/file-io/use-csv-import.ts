/**
 * 「社員情報の一括アップロード」: プレビュー (nothing saved), then 取り込む — every row in one
 * transaction, or none. Warnings (duplicate addresses) are accepted in a dialog first;
 * errors block. A preview is used once: after a refused 取り込む it is gone, so the
 * administrator previews again — except after a storage fault, which is no fault of the file.
 */
import { useCallback, useRef, useState } from 'react';
import type { ImportPreview, ImportResult, MethodInput } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { describeError } from '../../api/describe-error';
import { adminApi } from '../../api/session-guard';
import { readCsvFile } from './read-csv-file';

export type ImportPattern = MethodInput<'csv.previewImport'>['pattern'];
export type ImportEncoding = NonNullable<MethodInput<'csv.previewImport'>['encoding']>;

export interface ImportState {
  busy: 'preview' | 'commit' | null;
  preview: ImportPreview | null;
  /** 「メールアドレス重複の警告」 is open */
  confirming: boolean;
  result: ImportResult | null;
  error: string | null;
}

const INITIAL: ImportState = { busy: null, preview: null, confirming: false, result: null, error: null };

export function useCsvImport() {
  const [state, setState] = useState<ImportState>(INITIAL);
  // Only the answer to the latest request may land (the file or the format changed meanwhile).
  const latest = useRef(0);

  const clear = useCallback(() => {
    latest.current++;
    setState(INITIAL);
  }, []);

  const fail = useCallback((message: string) => setState({ ...INITIAL, error: message }), []);

  const preview = useCallback(async (file: File, pattern: ImportPattern, encoding: ImportEncoding) => {
    const request = ++latest.current;
    setState({ ...INITIAL, busy: 'preview' });
    const read = await readCsvFile(file);
    if (request !== latest.current) return;
    if (!read.ok) {
      fail(read.message);
      return;
    }
    try {
      const result = await adminApi['csv.previewImport']({ pattern, encoding, contentBase64: read.contentBase64 });
      if (request === latest.current) setState({ ...INITIAL, preview: result });
    } catch (e) {
      if (request === latest.current) fail(describeError(e).message);
    }
  }, [fail]);

  const commit = useCallback(async (previewId: string) => {
    const request = ++latest.current;
    setState((s) => ({ ...s, busy: 'commit', confirming: false, error: null }));
    try {
      const result = await adminApi['csv.commitImport']({ previewId });
      // The grid follows by itself: the server announces employeesChanged.
      if (request === latest.current) setState({ ...INITIAL, result });
    } catch (e) {
      if (request !== latest.current) return;
      const { message } = describeError(e);
      // A full disk or a database held by another program: the server kept the preview, and
      // 「取り込む」 works again once the fault is gone.
      if (message === ja.errors.databaseBusy || message === ja.csv.diskFull) {
        setState((s) => ({ ...s, busy: null, error: message }));
        return;
      }
      // CONFLICT (changed since the preview), an expired preview, or anything else: the
      // server's message says to preview again, and the used preview is dropped.
      fail(message);
    }
  }, [fail]);

  /** 「取り込む」: with warnings, the dialog first. */
  const requestCommit = useCallback(() => {
    const p = state.preview;
    if (!p?.previewId) return;
    if (p.warnings.length > 0) setState((s) => ({ ...s, confirming: true }));
    else void commit(p.previewId);
  }, [state.preview, commit]);

  const acceptWarnings = useCallback(() => {
    const id = state.preview?.previewId;
    if (id) void commit(id);
  }, [state.preview, commit]);

  const cancelWarnings = useCallback(() => setState((s) => ({ ...s, confirming: false })), []);

  return { state, preview, requestCommit, acceptWarnings, cancelWarnings, clear };
}
