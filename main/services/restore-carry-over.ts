/**
 * What a restore must not roll back: the 操作ログ (what happened after the backup is not
 * forgotten), the death of links used or revoked since (a link sent to a wrong address must
 * not come back), and the portal sessions (passwords may differ now: every session ends);
 * pending secrets of the backup are no longer in flight (no delivery of this run waits for them).
 * Read from the live database before, reapplied to the restored one after.
 */
import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { reinsertAudit, selectAllAudit, type RawAuditRow } from '../../db/queries/audit';
import { deleteAllPortalSessions, orphanPendingSecrets, revokeLinksByHash, selectDeadLinkHashes } from '../../db/queries/restore-carry-over';

export interface CarriedOver {
  audit: RawAuditRow[];
  deadLinks: string[];
}

export const nothingCarried: CarriedOver = { audit: [], deadLinks: [] };

export function readCarryOver(db: Database): CarriedOver {
  return { audit: selectAllAudit(db), deadLinks: selectDeadLinkHashes(db) };
}

export function applyCarryOver(db: Database, c: CarriedOver, now: number): void {
  reinsertAudit(db, c.audit);
  revokeLinksByHash(db, c.deadLinks, now);
  deleteAllPortalSessions(db);
  orphanPendingSecrets(db);
}

/**
 * Before `--restore-backup`, from the database about to be replaced — often a damaged one:
 * each part is read if it can be; `complete` is false when a part could not.
 */
export function readCarryOverFromFile(file: string): { carried: CarriedOver; complete: boolean } {
  if (!existsSync(file)) return { carried: nothingCarried, complete: true };
  let db: Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch {
    return { carried: nothingCarried, complete: false };
  }
  try {
    const attempt = <T>(read: () => T, fallback: T): [T, boolean] => {
      try {
        return [read(), true];
      } catch {
        return [fallback, false];
      }
    };
    const [audit, auditRead] = attempt(() => selectAllAudit(db), []);
    const [deadLinks, linksRead] = attempt(() => selectDeadLinkHashes(db), []);
    return { carried: { audit, deadLinks }, complete: auditRead && linksRead };
  } finally {
    db.close();
  }
}
