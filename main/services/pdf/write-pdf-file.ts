import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { ja } from '../../../preload/i18n/ja';
import { AppError } from '../support/errors';
import { storageFault } from '../support/storage-faults';

/**
 * Writes the PDF completely and durably before anyone relies on it: a temporary file in
 * the same folder, flushed to disk, then renamed over the target. A full disk or a folder
 * without write permission leaves no half-written file and is a Japanese AppError.
 */
export async function writePdfFile(target: string, pdf: Buffer): Promise<void> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const file = await open(tmp, 'wx', 0o600);
    try {
      await file.writeFile(pdf);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => {});
    const code = (e as NodeJS.ErrnoException).code;
    if (storageFault(e) === 'diskFull') throw new AppError('INTERNAL', ja.issue.diskFull);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
      throw new AppError('INTERNAL', ja.issue.notWritable);
    }
    throw e;
  }
}
