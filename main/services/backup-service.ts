/**
 * 「バックアップ」 and 「復元」 (issue: trust). SQLite's online backup copies a consistent
 * snapshot while the app keeps running; a new file appears only once complete (written
 * under a temporary name, then renamed). Once a day a backup is taken by itself, and only
 * the newest `keep` are kept. A restore copies a checked backup over the live database.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { BackupInfo } from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import { inspectDatabaseFile, migrate, restoreDatabaseFrom } from '../../db/database';
import { LATEST_VERSION } from '../../db/migrations';
import type { RawAuditRow } from '../../db/queries/audit';
import { AppError } from './support/errors';
import { storageFault } from './support/storage-faults';
import type { Clock } from './support/clock';
import type { EventBus } from './support/event-bus';
import type { Logger } from './support/logger';
import { formatDateTime } from '../../preload/i18n/format-date-time';

export const BACKUP_DIR = 'backups';
const NAME = /^focus-u-(\d{8}-\d{6})(-\d+)?\.sqlite$/;
const DAY_MS = 86_400_000;

export interface BackupDeps {
  db: Database;
  databaseFile: string;
  dataDir: string;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  keep?: number;
  /** the 操作ログ survives a restore: read before, put back after */
  auditLog?: { everything(): RawAuditRow[]; carryOver(rows: RawAuditRow[]): void };
}

export class BackupService {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<BackupInfo> | null = null;

  constructor(private readonly deps: BackupDeps) {}

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

  /** 「復元」 from one of the listed backups (by name only: no path reaches the file system). */
  async restore(fileName: string): Promise<void> {
    const info = this.list().find((b) => b.fileName === fileName);
    if (!info) throw new AppError('NOT_FOUND', ja.backup.notFound);
    const file = path.join(this.dir, fileName);
    const { intact, version } = inspectDatabaseFile(file);
    if (!intact) throw new AppError('VALIDATION', ja.backup.damaged);
    if (version > LATEST_VERSION) throw new AppError('VALIDATION', ja.backup.fromFuture);
    const log = this.deps.auditLog?.everything() ?? [];
    await restoreDatabaseFrom(file, this.deps.databaseFile);
    migrate(this.deps.db); // a backup from an older version is brought up to date
    this.deps.auditLog?.carryOver(log);
    this.deps.logger.warn('database restored from a backup', { fileName });
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
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      await db.backup(partial);
      renameSync(partial, target);
    } catch (e) {
      rmSync(partial, { force: true });
      this.deps.logger.error('backup failed', { error: String(e) });
      const fault = storageFault(e, this.deps.dataDir);
      if (fault === 'diskFull') throw new AppError('INTERNAL', ja.backup.diskFull);
      if (fault === 'busy') throw new AppError('CONFLICT', ja.errors.databaseBusy);
      throw new AppError('INTERNAL', ja.backup.failed);
    }
    for (const old of this.list().slice(this.deps.keep ?? 14)) rmSync(path.join(this.dir, old.fileName), { force: true });
    this.deps.logger.info('backup written', { fileName });
    return this.list().find((b) => b.fileName === fileName)!;
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
