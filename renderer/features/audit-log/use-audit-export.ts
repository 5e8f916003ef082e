/**
 * 「CSVダウンロード」 of the 操作ログ with the conditions in force: the server makes the file,
 * the page saves it. Shift_JIS cannot hold every name; the server then sends UTF-8 (with
 * its BOM) instead of writing 「?」, and the message says so.
 */
import { useCallback, useState } from 'react';
import type { MethodInput } from '../../../preload/contract';
import { describeError } from '../../api/describe-error';
import { adminApi } from '../../api/session-guard';
import { base64ToBytes } from '../../ui/base64';
import { saveDownload } from '../../ui/save-download';
import type { AuditFilter } from './audit-filter';

export type AuditEncoding = MethodInput<'audit.export'>['encoding'];

export type AuditExportPhase =
  | { name: 'idle' }
  | { name: 'busy' }
  | { name: 'done'; rows: number; fileName: string; sjisFellBack: boolean }
  | { name: 'failed'; message: string };

const startsWithUtf8Bom = (b: Uint8Array) => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;

export function useAuditExport() {
  const [phase, setPhase] = useState<AuditExportPhase>({ name: 'idle' });

  const run = useCallback(async (filter: AuditFilter, encoding: AuditEncoding) => {
    setPhase({ name: 'busy' });
    try {
      const result = await adminApi['audit.export']({ ...filter, encoding });
      const bytes = base64ToBytes(result.contentBase64);
      saveDownload(bytes, result.fileName, 'text/csv');
      setPhase({ name: 'done', rows: result.rows, fileName: result.fileName, sjisFellBack: encoding === 'sjis' && startsWithUtf8Bom(bytes) });
    } catch (e) {
      setPhase({ name: 'failed', message: describeError(e).message });
    }
  }, []);

  return { phase, busy: phase.name === 'busy', run };
}
