import { ja } from '../../../preload/i18n/ja';
import { bytesToBase64 } from '../../ui/base64';

/** The contract takes at most 12,000,000 base64 characters (9 MB); 10,000 employees are about 1.5 MB. */
const MAX_MB = 8;
const MAX_BYTES = MAX_MB * 1024 * 1024;

export type FileRead = { ok: true; contentBase64: string } | { ok: false; message: string };

/** The chosen file's bytes, base64 for the contract, or why they cannot be sent. */
export async function readCsvFile(file: File): Promise<FileRead> {
  if (file.size > MAX_BYTES) return { ok: false, message: ja.fileIo.tooLarge(MAX_MB) };
  try {
    return { ok: true, contentBase64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) };
  } catch {
    // The file was moved, deleted or changed on disk after it was chosen.
    return { ok: false, message: ja.fileIo.readFailed };
  }
}
