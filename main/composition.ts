/**
 * Builds the service graph once; both entry points (Electron and headless) use it.
 * Everything here is plain Node: electron objects, if any, are passed in by the caller.
 */
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../db/database';
import { ownerOnlyDir } from '../db/owner-only';
import { ja } from '../preload/i18n/ja';
import { readSettings } from '../db/queries/settings';
import { settleInterruptedMails } from '../db/queries/mail';
import { createDispatcher, type Dispatcher } from './api/dispatcher';
import { createHandlers } from './api/handlers';
import { startPortalServer, type RunningServer } from './portal/server';
import { portalHostNames } from './portal/host-check';
import type { PortalLimits } from './portal/limits';
import { AdminAuthService } from './services/admin-auth-service';
import { EmployeeService } from './services/employee-service';
import { SettingsService } from './services/settings-service';
import { PdfIssuanceService } from './services/pdf-issuance-service';
import { MailVerificationService } from './services/mail-verification-service';
import { PortalAuthService } from './services/portal-auth-service';
import { PunchService } from './services/punch-service';
import { BulkMailService } from './services/bulk-mail-service';
import { CsvService } from './services/csv-service';
import { createCsvPlanner } from './services/csv/csv-planner';
import { AuditService } from './services/audit-service';
import { BackupService } from './services/backup-service';
import { auditCalls } from './api/audit-calls';
import { SmtpService, type SmtpOverride } from './services/smtp-service';
import { BounceService, type BounceServiceDeps } from './services/bounce-service';
import type { DemoMailbox } from './services/mail/demo-mailbox';
import type { SmtpTimeouts } from './services/mail/mail-sender';
import type { OAuthEndpoints } from './services/mail/oauth/oauth-types';
import { keyFileSecretBox, type SecretBox } from './services/support/secret-box';
import { PortalTls, PortalTlsError } from './services/portal-tls';
import type { DesktopPdfDelivery } from './services/pdf/desktop-delivery';
import { createPdfRenderer } from './services/pdf/pdf-renderer-client';
import { createBulkHasher } from './services/support/bulk-hasher';
import { portalReach, printedPortalUrl, type NetworkView } from './net/lan-address';
import type { AutoStartControl } from './services/support/auto-start-control';
import { resealSecrets } from './services/support/reseal-secrets';
import { systemClock, type Clock } from './services/support/clock';
import { EventBus } from './services/support/event-bus';
import { consoleLogger, type Logger } from './services/support/logger';
import { takeInstanceLock, type HolderKind } from './services/support/instance-lock';
import { AdministratorService } from './services/administrator-service';
import { startWalCheckpointer } from './services/support/wal-checkpointer';
import { checkpointElsewhere } from '../db/wal';

export const DATABASE_FILE = 'focus-u.sqlite';

export interface CompositionOptions {
  dataDir: string;
  clock?: Clock;
  logger?: Logger;
  /** the desktop app's save and print dialogs (main/electron); headless mode has none */
  desktop?: DesktopPdfDelivery;
  /** seals the SMTP password at rest: Electron safeStorage on the desktop where the OS offers it, a key file otherwise */
  secrets?: SecretBox;
  /** the desktop app's start at login (基本設定); headless mode has none */
  autoStart?: AutoStartControl;
  /** this machine's network, for the portal addresses proposed on the settings screen (tests inject one) */
  network?: () => NetworkView;
  /** `--smtp-url`, replacing the stored SMTP settings for this run */
  smtpUrl?: string;
  /** the demo's built-in mailbox (demo mode without --smtp-url) */
  demoMailbox?: DemoMailbox;
  /** how the bulk mail job waits for its pace and its retries (tests move a fake clock) */
  wait?: (ms: number) => Promise<void>;
  /** how long a send waits for the SMTP server (tests shorten them; SMTP_TIMEOUTS otherwise) */
  smtpTimeouts?: SmtpTimeouts;
  /** OAuth 2.0's authorization servers (`--microsoft-login-url`, `--google-token-url`); the public clouds otherwise */
  oauthEndpoints?: OAuthEndpoints;
  /** runs under the data folder's lock, before the database is opened (headless: the demo reset, `--restore-backup`) */
  beforeOpen?: () => void;
  /** which program takes the data folder: a refused start of the other one names it */
  holder?: HolderKind;
  /** 送信エラーの確認's IMAP: the tests' CA and shorter waits */
  bounceOptions?: Pick<BounceServiceDeps, 'imapTls' | 'imapTimeouts' | 'watchTiming'>;
}

export interface PortalOverrides {
  host?: string;
  port?: number;
  /** other throttling budgets than main/portal/limits.ts (tests) */
  limits?: Partial<PortalLimits>;
}

export interface App {
  db: Database;
  events: EventBus;
  dispatcher: Dispatcher;
  auth: AdminAuthService;
  employees: EmployeeService;
  settings: SettingsService;
  issuance: PdfIssuanceService;
  smtp: SmtpService;
  verification: MailVerificationService;
  portalAuth: PortalAuthService;
  punches: PunchService;
  bulkMail: BulkMailService;
  csv: CsvService;
  audit: AuditService;
  backup: BackupService;
  administrators: AdministratorService;
  /** 送信エラーの確認: the mailbox watcher (started by the lifecycle) and its settings */
  bounces: BounceService;
  clock: Clock;
  logger: Logger;
  /**
   * Starts the LAN portal on the configured (or overridden) address. A configured certificate
   * that cannot be loaded is a PortalTlsError: the portal stays down (never plain HTTP in HTTPS's
   * place) and starts by itself once the administrator sets a new certificate or removes it.
   */
  startPortal(overrides?: PortalOverrides): Promise<RunningServer>;
  /** whether the LAN portal is listening now (the server's /healthz) */
  portalRunning(): boolean;
  close(): Promise<void>;
}

export function composeApp(opts: CompositionOptions): App {
  ownerOnlyDir(opts.dataDir);
  // first of all: a second server on this folder stops here, before it migrates or recovers anything
  const lock = takeInstanceLock(opts.dataDir, opts.holder);
  const databaseFile = path.join(opts.dataDir, DATABASE_FILE);
  let db: Database;
  try {
    opts.beforeOpen?.();
    db = openDatabase(databaseFile);
  } catch (e) {
    lock.release();
    throw e;
  }
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? consoleLogger();
  // checkpoints in a worker thread, never inside a commit on this thread (db/wal.ts)
  checkpointElsewhere(db);
  const checkpointer = startWalCheckpointer(databaseFile, logger);
  const events = new EventBus();
  let portal: RunningServer | null = null;
  /** where startPortal() was asked to listen: a portal kept down by its certificate starts there later */
  let portalWanted: PortalOverrides | null = null;
  let lateStart: Promise<void> | null = null;

  const auth = new AdminAuthService({ db, clock, logger, events });
  const secrets = opts.secrets ?? keyFileSecretBox(opts.dataDir);
  // values the key file sealed are sealed again when the desktop's safeStorage takes over
  resealSecrets(db, secrets, logger);
  const network = opts.network ?? (() => ({ interfaces: os.networkInterfaces(), hostname: os.hostname() }));
  const tls = new PortalTls({ db, dataDir: opts.dataDir, secrets });
  const settings = new SettingsService({
    db, events, tls, portalRunningUrl: () => portal?.url ?? null,
    portalReach: () => portalReach(readSettings(db), portal, network()),
    // what this run's portal listens on, and whether the start's overrides (the command line) chose it
    portalListening: () => portal && {
      host: portal.host, port: portal.port,
      hostFrom: portalWanted?.host !== undefined ? 'commandLine' : 'settings',
      portFrom: portalWanted?.port !== undefined ? 'commandLine' : 'settings',
    },
    // a new certificate, or none: a portal that its certificate kept down starts now
    portalCertificateChanged: () => {
      if (portal || !portalWanted) return Promise.resolve();
      // one start at a time: two quick changes must not race for the port
      lateStart ??= startPortal(portalWanted).then(
        (p) => {
          logger.info('portal started after the certificate changed', { url: p.url });
          events.emit('settingsChanged', {});
        },
        (e: unknown) => logger.warn('portal still not started', { error: String(e) }),
      ).finally(() => (lateStart = null));
      return lateStart;
    },
  });
  const employees = new EmployeeService({
    db, clock, events, logger, onDeleted: (id) => auth.endSessionsOf(id),
  });
  const portalUrl = () => portalBaseUrl(readSettings(db), portal);
  const renderer = createPdfRenderer();
  const hasher = createBulkHasher();
  const issuance = new PdfIssuanceService({ db, clock, events, logger, renderer, hasher, portalUrl, dataDir: opts.dataDir });
  const smtp = new SmtpService({
    db, events, logger, secrets, override: smtpOverride(opts), timeouts: opts.smtpTimeouts, clock, oauthEndpoints: opts.oauthEndpoints,
  });
  const verification = new MailVerificationService({ db, clock, events, logger, smtp, employees, portalUrl });
  const portalAuth = new PortalAuthService({ db, clock, events, logger });
  const punches = new PunchService({ db, clock, events, logger });
  const bulkMail = new BulkMailService({
    db, clock, events, logger, smtp, verification, wait: opts.wait ?? ((ms) => new Promise((r) => setTimeout(r, ms))), wal: checkpointer,
  });
  recoverInterruptedWork(db, bulkMail, logger);
  const csvPlanner = createCsvPlanner(databaseFile);
  const csv = new CsvService({ db, clock, events, logger, planner: csvPlanner, dataDir: opts.dataDir });
  const audit = new AuditService({ db, clock });
  const backup = new BackupService({ db, dataDir: opts.dataDir, clock, events, logger });
  const administrators = new AdministratorService({ db, clock, events, logger, auth, renderer, companyName: () => readSettings(db).companyName });
  const demoMailbox = opts.demoMailbox ?? null;
  demoMailbox?.onReceive((m) => events.emit('demoMailReceived', { id: m.id }));
  const bounces = new BounceService({
    db, clock, logger, events, secrets, smtp, demoMailbox, onJobBounced: (jobId) => bulkMail.reportProgress(jobId), ...opts.bounceOptions,
  });
  const dispatcher = createDispatcher(
    createHandlers({
      auth, settings, employees, issuance, smtp, verification, bulkMail, csv, audit, backup, demoMailbox, administrators, bounces,
      desktop: opts.desktop ?? null, autoStart: opts.autoStart ?? null,
    }),
    (s) => auth.isLoggedIn(s),
    logger,
    auditCalls(audit, auth),
    opts.dataDir,
  );

  async function startPortal(overrides: PortalOverrides = {}): Promise<RunningServer> {
    portalWanted = overrides;
    const s = readSettings(db);
    const loaded = tls.load();
    if ('problem' in loaded) throw new PortalTlsError(loaded.problem);
    portal = await startPortalServer({
      host: overrides.host ?? s.portalHost,
      port: overrides.port ?? s.portalPort,
      tls: loaded.tls,
      companyName: () => readSettings(db).companyName,
      logger,
      verification,
      auth: portalAuth,
      employees,
      punches,
      clock,
      dataDir: opts.dataDir,
      hostNames: () => portalHostNames(readSettings(db).portalBaseUrl),
      limits: overrides.limits,
    });
    return portal;
  }

  return {
    db, events, dispatcher, auth, employees, settings, issuance, smtp, verification, portalAuth, punches, bulkMail, csv, audit, backup, clock, logger,
    administrators, bounces,
    startPortal,
    portalRunning: () => portal !== null,
    async close() {
      portalWanted = null; // no late start while closing
      await lateStart;
      await Promise.all([bulkMail.stop(), backup.stop(), bounces.stop()]);
      issuance.close();
      verification.close();
      await Promise.all([portal?.close(), renderer.close(), hasher.close(), csvPlanner.close(), demoMailbox?.close(), smtp.close(), checkpointer.stop()]);
      db.close();
      lock.release();
    },
  };
}

/**
 * At start-up, before anything else touches the data (the data folder is this process's alone):
 * work a crash interrupted is settled — mails caught on their way are 'uncertain' (their links
 * work), and the bulk rows with them. Pending secrets of the crashed run need nothing: they work
 * until used or replaced (account-transitions.ts).
 */
function recoverInterruptedWork(db: Database, bulkMail: BulkMailService, logger: Logger): void {
  const mails = settleInterruptedMails(db);
  if (mails > 0) logger.warn('mails interrupted by a crash', { count: mails });
  bulkMail.recoverInterrupted();
}

/** The URL employees use: the configured one, else where the portal listens (or would). */
export function portalBaseUrl(s: { portalBaseUrl: string; portalHost: string; portalPort: number }, running: RunningServer | null): string {
  return printedPortalUrl(s, running);
}

function smtpOverride(opts: CompositionOptions): SmtpOverride | null {
  if (opts.smtpUrl) {
    const u = new URL(opts.smtpUrl);
    return { url: opts.smtpUrl, label: `${u.hostname}:${u.port || (u.protocol === 'smtps:' ? 465 : 587)}`, demoMailbox: false };
  }
  if (opts.demoMailbox) return { url: opts.demoMailbox.url, label: ja.menu.demoMailbox, demoMailbox: true };
  return null;
}
