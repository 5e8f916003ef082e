/**
 * One classifier for everything that can stop a start: both entry points show its words,
 * each its own way (headless: one stderr line and exit code 1; desktop: a dialog, with
 * 「バックアップから復元して起動」 for a damaged database that has a valid backup).
 */
import path from 'node:path';
import { DatabaseDamagedError, DatabaseFromFutureError } from '../db/database';
import { ja } from '../preload/i18n/ja';
import { DATABASE_FILE } from './composition';
import { ListenError } from './net/listen';
import { BACKUP_DIR, newestValidBackup, RestoreRefusedError } from './services/backup-service';
import { PortalTlsError } from './services/portal-tls';
import { DataFolderInUseError } from './services/support/instance-lock';

export type StartupFailureKind =
  | 'dataDirUnwritable' | 'dataDirInUse' | 'databaseFromFuture' | 'databaseDamaged'
  | 'portInUse' | 'addressUnavailable' | 'portalCertificate' | 'refused' | 'internal';

/** Where the start was when it failed: opening the data folder, starting the admin side, or the portal. */
export type StartupPhase = 'open' | 'admin' | 'portal';
export type Surface = 'headless' | 'desktop';

export class StartupFailure extends Error {
  constructor(
    readonly kind: StartupFailureKind,
    private readonly text: { headless: string; desktop: string },
    /** a damaged database: the newest valid backup in DATA_DIR/backups, if any */
    readonly newestBackup: string | null = null,
  ) {
    super(text.headless);
    this.name = 'StartupFailure';
  }

  messageFor(surface: Surface): string {
    return this.text[surface];
  }
}

/** A refusal whose message is final as it is (e.g. headless's `--demo` on a folder of real data). */
export class StartupRefusal extends Error {}

const same = (message: string) => ({ headless: message, desktop: message });

export function classifyStartupFailure(e: unknown, ctx: { dataDir: string; phase: StartupPhase; now: number }): StartupFailure {
  if (e instanceof StartupFailure) return e;
  if (e instanceof DataFolderInUseError) return new StartupFailure('dataDirInUse', same(e.message));
  if (e instanceof RestoreRefusedError || e instanceof StartupRefusal) return new StartupFailure('refused', same(e.message));
  if (e instanceof DatabaseFromFutureError) return new StartupFailure('databaseFromFuture', same(ja.cli.databaseFromFuture(ctx.dataDir)));
  if (e instanceof DatabaseDamagedError) {
    const file = path.join(ctx.dataDir, DATABASE_FILE);
    const newest = newestValidBackup(path.join(ctx.dataDir, BACKUP_DIR), ctx.now)?.fileName ?? null;
    return new StartupFailure('databaseDamaged', {
      headless: ja.backup.databaseDamaged(file, newest),
      desktop: newest ? ja.desktop.databaseDamaged(file, newest) : ja.backup.databaseDamaged(file, null),
    }, newest);
  }
  if (e instanceof PortalTlsError) return new StartupFailure('portalCertificate', same(ja.cli.portalTlsProblem(ja.tls.problem[e.problem])));
  if (e instanceof ListenError) {
    const what = ctx.phase === 'portal' ? ja.cli.portalServer : ja.cli.adminServer;
    if (e.reason === 'inUse') return new StartupFailure('portInUse', same(ja.cli.portInUse(what, e.port)));
    if (e.reason === 'unavailable') return new StartupFailure('addressUnavailable', same(ja.cli.addressUnavailable(what, e.host)));
  }
  // anything else while opening the folder and its database: where it is and its permissions are what to check
  if (ctx.phase === 'open') return new StartupFailure('dataDirUnwritable', same(ja.cli.dataDirUnwritable(ctx.dataDir)));
  return new StartupFailure('internal', same(`${ja.errors.internal} (${e instanceof Error ? e.message : String(e)})`));
}
