/**
 * 「バックアップ」 and 「復元」 (issue: trust). SQLite's online backup copies a consistent
 * snapshot while the app keeps running; a new file appears only once complete (written
 * under a temporary name, then renamed). Once a day a backup is taken by itself, and only
 * the newest `keep` are kept. A restore only ever installs a checked backup of this product
 * (db/backup-image.ts), and carries over what must not roll back (./restore-carry-over.ts).
 */
import { readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { BackupInfo } from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import { checkBackupFile, type BackupCheck } from '../../db/backup-image';
import { ownerOnlyDir, ownerOnlyFile, ownerOnlyIfExists } from '../../db/owner-only';
import { asRollbackJournal, installStagingDatabase, removeDatabaseFile, replaceAllRows, writeStagingDatabase } from '../../db/restore';
import { insertAudit } from '../../db/queries/audit';
import { applyCarryOver, readCarryOver, readCarryOverFromFile } from './restore-carry-over';
import { AppError } from './support/errors';
import { storageFault } from './support/storage-faults';
import type { Clock } from './support/clock';
import type { EventBus } from './support/event-bus';
import type { Logger } from './support/logger';
import { formatDateTime } from '../../preload/i18n/format-date-time';

export const BACKUP_DIR = 'backups';
/** A restore's image, migrated before it is installed (removed afterwards, and at start if a crash left it). */
export const RESTORE_STAGING_FILE = 'restore-staging.sqlite';
const NAME = /^focus-u-(\d{8}-\d{6})(-\d+)?\.sqlite$/;
const DAY_MS = 86_400_000;

export interface BackupDeps {
  db: Database;
  dataDir: string;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  keep?: number;
}

export class BackupService {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<BackupInfo> | null = null;

  constructor(private readonly deps: BackupDeps) {
    // built once per start, under the instance lock: nothing of another process is being written here
    tidyBackupDir(this.dir);
    removeDatabaseFile(path.join(deps.dataDir, RESTORE_STAGING_FILE));
  }

  get dir(): string {
    return path.join(this.deps.dataDir, BACKUP_DIR);
  }

  list(): BackupInfo[] {
    return listBackups(this.dir);
  }

  /** 「バックアップ」: one at a time; a second press waits for the first. */
  backupNow(): Promise<BackupInfo> {
    this.running ??= this.backup().finally(() => (this.running = null));
    return this.running;
  }

  /**
   * 「復元」 from one of the listed backups (by name only: no path reaches the file system).
   * Synchronous from the check to the commit: no LAN request runs in between.
   */
  async restore(fileName: string): Promise<void> {
    if (!this.list().some((b) => b.fileName === fileName)) throw new AppError('NOT_FOUND', ja.backup.notFound);
    const checked = checkBackupFile(path.join(this.dir, fileName));
    if (!checked.ok) throw new AppError('VALIDATION', ja.backup.refused(fileName, ja.backup.problems[checked.problem]));
    const { db, clock } = this.deps;
    const staging = path.join(this.deps.dataDir, RESTORE_STAGING_FILE);
    try {
      writeStagingDatabase(checked.image, staging); // an older backup is brought up to date here
      replaceAllRows(db, staging, { read: () => readCarryOver(db), reapply: (kept) => applyCarryOver(db, kept, clock.now()) });
    } finally {
      removeDatabaseFile(staging);
    }
    this.deps.logger.warn('database restored from a backup', { fileName, fromVersion: checked.version });
    this.deps.events.emit('settingsChanged', {});
    this.deps.events.emit('employeesChanged', { reason: 'restored' });
  }

  /** Once a day by itself, while the app runs (checked every hour; a missed day is caught up at start). */
  startDaily(): void {
    const check = () => {
      const newest = this.list()[0];
      if (!newest || this.deps.clock.now() - newest.createdAt >= DAY_MS) {
        this.backupNow().catch((e: unknown) => this.deps.logger.error('daily backup failed', { error: String(e) }));
      }
    };
    check();
    this.timer = setInterval(check, 3_600_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async backup(): Promise<BackupInfo> {
    const { clock, db } = this.deps;
    const stamp = formatDateTime(clock.now()).replace(/\//g, '').replace(' ', '-').replace(/:/g, '');
    // several in one second get -2, -3 …, always above the highest used (older ones may be pruned already)
    const used = this.list().map((b) => NAME.exec(b.fileName)!).filter((m) => m[1] === stamp).map((m) => Number(m[2]?.slice(1) ?? 1));
    const n = used.length === 0 ? 1 : Math.max(...used) + 1;
    const fileName = n === 1 ? `focus-u-${stamp}.sqlite` : `focus-u-${stamp}-${n}.sqlite`;
    const target = path.join(this.dir, fileName);
    const partial = `${target}.partial`;
    try {
      ownerOnlyDir(this.dir);
      ownerOnlyFile(partial); // created owner-only: the backup API keeps the mode of an existing file
      await db.backup(partial);
      asRollbackJournal(partial);
      renameSync(partial, target);
    } catch (e) {
      removeDatabaseFile(partial);
      this.deps.logger.error('backup failed', { error: String(e) });
      const fault = storageFault(e, this.deps.dataDir);
      if (fault === 'diskFull') throw new AppError('INTERNAL', ja.backup.diskFull);
      if (fault === 'busy') throw new AppError('CONFLICT', ja.errors.databaseBusy);
      throw new AppError('INTERNAL', ja.backup.failed);
    }
    // the one just written is never pruned, even when older ones carry names dated in the future
    const prune = this.list().filter((b) => b.fileName !== fileName).slice((this.deps.keep ?? 14) - 1);
    for (const old of prune) rmSync(path.join(this.dir, old.fileName), { force: true });
    this.deps.logger.info('backup written', { fileName });
    return this.list().find((b) => b.fileName === fileName)!;
  }
}

/** Owner-only, and without what a crash or a tool left behind: -wal/-shm beside backups, half-written ones. */
function tidyBackupDir(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  ownerOnlyDir(dir);
  for (const name of names) {
    const file = path.join(dir, name);
    const base = name.replace(/(-wal|-shm|-journal|\.partial(-wal|-shm|-journal)?)$/, '');
    if (base !== name && NAME.test(base)) rmSync(file, { force: true });
    else if (NAME.test(name)) ownerOnlyIfExists(file);
  }
}

/** The complete backups in a folder, newest first. */
export function listBackups(dir: string): BackupInfo[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  // newest first: by the time in the name, then the number added for several in one second
  const order = (name: string) => {
    const m = NAME.exec(name)!;
    return `${m[1]}-${String(Number(m[2]?.slice(1) ?? 1)).padStart(6, '0')}`;
  };
  return names.filter((n) => NAME.test(n)).map((fileName) => {
    const st = statSync(path.join(dir, fileName));
    return { fileName, createdAt: st.mtimeMs, size: st.size };
  }).sort((a, b) => order(b.fileName).localeCompare(order(a.fileName)));
}

/** The time in a backup's name (local time, as written by `backup()`). */
function nameTime(fileName: string): number {
  const [, d] = NAME.exec(fileName)!;
  const n = (from: number, to: number) => Number(d!.slice(from, to));
  return new Date(n(0, 4), n(4, 6) - 1, n(6, 8), n(9, 11), n(11, 13), n(13, 15)).getTime();
}

type ValidBackup = { fileName: string; image: Buffer; version: number };

/**
 * The newest backup that passes the check; each one passed over is reported by `skipped`.
 * A backup named more than a day after `now` is never the newest: it was written under a
 * wrong clock (the name is the clock's time), and taken as "latest" it would stay latest
 * for ever, shadowing every real backup after it. A day of slack keeps a machine whose time
 * zone or daylight-saving setting changed (names are local time).
 */
export function newestValidBackup(dir: string, now: number, skipped: (line: string) => void = () => {}): ValidBackup | null {
  for (const { fileName } of listBackups(dir)) {
    if (nameTime(fileName) > now + DAY_MS) {
      skipped(ja.backup.skipped(fileName, ja.backup.problems.futureDated));
      continue;
    }
    const checked = checkOrDamaged(path.join(dir, fileName));
    if (checked.ok) return { fileName, image: checked.image, version: checked.version };
    skipped(ja.backup.skipped(fileName, ja.backup.problems[checked.problem]));
  }
  return null;
}

/** A file that cannot even be read (permissions, an I/O error) is as good as damaged. */
function checkOrDamaged(file: string): BackupCheck {
  try {
    return checkBackupFile(file);
  } catch {
    return { ok: false, problem: 'damaged' };
  }
}

/** A refusal of `--restore-backup`: one line for stderr, and the data folder as it was. */
export class RestoreRefusedError extends Error {}

/**
 * `--restore-backup latest|FILE`, before the database is opened (under the instance lock):
 * the same check as the screen, the same carry-over, and the restored file installed by one
 * rename. Returns the name of the backup restored.
 */
export function restoreBeforeOpen(o: {
  dataDir: string; databaseFile: string; which: string; now: number; notice: (line: string) => void;
}): string {
  const dir = path.join(o.dataDir, BACKUP_DIR);
  tidyBackupDir(dir);
  let chosen: ValidBackup;
  if (o.which === 'latest') {
    const newest = newestValidBackup(dir, o.now, o.notice);
    if (!newest) throw new RestoreRefusedError(ja.backup.noneValid(dir));
    chosen = newest;
  } else {
    if (!listBackups(dir).some((b) => b.fileName === o.which)) throw new RestoreRefusedError(ja.backup.notFound);
    const checked = checkOrDamaged(path.join(dir, o.which));
    if (!checked.ok) throw new RestoreRefusedError(ja.backup.refused(o.which, ja.backup.problems[checked.problem]));
    chosen = { fileName: o.which, image: checked.image, version: checked.version };
  }
  const { carried, complete } = readCarryOverFromFile(o.databaseFile);
  if (!complete) o.notice(ja.backup.carryOverIncomplete);
  const staging = path.join(o.dataDir, RESTORE_STAGING_FILE);
  try {
    writeStagingDatabase(chosen.image, staging, (db) => {
      applyCarryOver(db, carried, o.now);
      insertAudit(db, {
        at: o.now, actor: ja.audit.commandLineRestore, action: ja.audit.actions.restore, targets: [], result: 'ok', detail: chosen.fileName,
      });
    });
    installStagingDatabase(staging, o.databaseFile);
  } finally {
    removeDatabaseFile(staging);
  }
  return chosen.fileName;
}
