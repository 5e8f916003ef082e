/**
 * 「ダウンロード」 of 「社員情報の一括ダウンロード」: the server makes the file; the page saves
 * it. When Shift_JIS would lose characters the server names the rows instead, and nothing
 * is saved: a file with 「?」 in place of a name must never reach Excel.
 */
import { useCallback, useState } from 'react';
import type { CsvExportResult, MethodInput } from '../../../preload/contract';
import { describeError } from '../../api/describe-error';
import { adminApi } from '../../api/session-guard';
import { base64ToBytes } from '../../ui/base64';
import { saveDownload } from '../../ui/save-download';

export type CsvEncoding = MethodInput<'csv.export'>['encoding'];
export type ExportFilters = MethodInput<'csv.export'>['filters'];
export type UnencodableRows = Extract<CsvExportResult, { status: 'unencodable' }>['problems'];

export type ExportPhase =
  | { name: 'idle' }
  | { name: 'busy' }
  | { name: 'done'; rows: number }
  | { name: 'unencodable'; problems: UnencodableRows }
  | { name: 'failed'; message: string };

export function useCsvExport() {
  const [phase, setPhase] = useState<ExportPhase>({ name: 'idle' });

  const run = useCallback(async (encoding: CsvEncoding, filters: ExportFilters) => {
    setPhase({ name: 'busy' });
    try {
      const result = await adminApi['csv.export']({ encoding, filters });
      if (result.status === 'unencodable') {
        setPhase({ name: 'unencodable', problems: result.problems });
        return;
      }
      saveDownload(base64ToBytes(result.contentBase64), result.fileName, 'text/csv');
      setPhase({ name: 'done', rows: result.rows });
    } catch (e) {
      setPhase({ name: 'failed', message: describeError(e).message });
    }
  }, []);

  return { phase, busy: phase.name === 'busy', run };
}
