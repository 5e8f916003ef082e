/**
 * Secrets sealed with an earlier box (the key file beside the database) are sealed again with
 * the current one (the desktop's safeStorage) at start, so that a copy of the data folder no
 * longer opens them. A value that cannot be opened is left as it is: the screens already say
 * what to do then (enter the SMTP password again; the certificate's passphrase problem).
 */
import type { Database } from 'better-sqlite3';
import { readSealedSecrets, writeSealedSecrets, type SealedSecrets } from '../../../db/queries/settings';
import type { Logger } from './logger';
import type { SecretBox } from './secret-box';

export function resealSecrets(db: Database, box: SecretBox, logger: Logger): number {
  if (!box.needsReseal) return 0;
  const before = readSealedSecrets(db);
  const after: SealedSecrets = { ...before };
  let changed = 0;
  for (const key of Object.keys(before) as (keyof SealedSecrets)[]) {
    const sealed = before[key];
    if (sealed === '' || !box.needsReseal(sealed)) continue;
    try {
      after[key] = box.seal(box.open(sealed));
      changed++;
    } catch {
      logger.warn('a sealed secret could not be opened to seal it again', { which: key });
    }
  }
  if (changed > 0) writeSealedSecrets(db, after);
  return changed;
}
