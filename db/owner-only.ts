/**
 * The data folder holds password hashes, the key that seals the SMTP password and the
 * 操作ログ: only the account running the app may read it. Folders 0700, files 0600 — also
 * for a folder an earlier version left world-readable (modes are tightened, never loosened).
 * On Windows, chmod only toggles the read-only bit; there the folder's ACLs apply.
 */
import { chmodSync, existsSync, mkdirSync, openSync, closeSync } from 'node:fs';

export function ownerOnlyDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Creates the file (empty) owner-only if it is missing, else makes it owner-only. */
export function ownerOnlyFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}

/** Makes the file owner-only if it exists. */
export function ownerOnlyIfExists(file: string): void {
  try {
    chmodSync(file, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}
