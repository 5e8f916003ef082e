/** What the desktop app remembers outside the database: whether the 「動き続けます」 notice was shown. */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface DesktopState {
  residentNoticeShown: boolean;
}

export function readDesktopState(file: string): DesktopState {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Partial<DesktopState>;
    return { residentNoticeShown: s.residentNoticeShown === true };
  } catch {
    return { residentNoticeShown: false };
  }
}

/** Written whole then renamed: a crash never leaves half a file. */
export function writeDesktopState(file: string, state: DesktopState): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(state), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
