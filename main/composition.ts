/**
 * Builds the service graph once; both entry points (Electron and headless) use it.
 * Everything here is plain Node: electron objects, if any, are passed in by the caller.
 */
import path from 'node:path';
import { openDatabase, type Database } from '../db/database';
import { ownerOnlyDir } from '../db/owner-only';
import { ja } from '../preload/i18n/ja';
import { readSettings } from '../db/queries/settings';
import { createDispatcher, type Dispatcher } from './api/dispatcher';
import { createHandlers } from './api/handlers';
import { startPortalServer, type RunningServer } from './portal/server';
import { AdminAuthService } from './services/admin-auth-service';
import { EmployeeService } from './services/employee-service';
import { SettingsService } from './services/settings-service';
import { PdfIssuanceService } from './services/pdf-issuance-service';
import { MailVerificationService } from './services/mail-verification-service';
import { PortalAuthService } from './services/portal-auth-service';
import { PunchService } from './services/punch-service';
import { BulkMailService } from './services/bulk-mail-service';
import { CsvService } from './services/csv-service';
import { AuditService } from './services/audit-service';
import { BackupService } from './services/backup-service';
import { auditCalls } from './api/audit-calls';
import { SmtpService, type SmtpOverride } from './services/smtp-service';
import type { DemoMailbox } from './services/mail/demo-mailbox';
import { keyFileSecretBox, type SecretBox } from './services/support/secret-box';
import { PortalTls } from './services/portal-tls';
import type { DesktopPdfDelivery } from './services/pdf/desktop-delivery';
import { createPdfRenderer } from './services/pdf/pdf-renderer-client';
import { urlHost } from './net/listen';
import { systemClock, type Clock } from './services/support/clock';
import { EventBus } from './services/support/event-bus';
import { consoleLogger, type Logger } from './services/support/logger';
import { takeInstanceLock } from './services/support/instance-lock';

export const DATABASE_FILE = 'focus-u.sqlite';

export interface CompositionOptions {
  dataDir: string;
  clock?: Clock;
  logger?: Logger;
  /** the desktop app's save and print dialogs (main/electron); headless mode has none */
  desktop?: DesktopPdfDelivery;
  /** seals the SMTP password at rest: Electron safeStorage on the desktop, a key file otherwise */
  secrets?: SecretBox;
  /** `--smtp-url`, replacing the stored SMTP settings for this run */
  smtpUrl?: string;
  /** the demo's built-in mailbox (demo mode without --smtp-url) */
  demoMailbox?: DemoMailbox;
  /** how the bulk mail job waits for its pace and its retries (tests move a fake clock) */
  wait?: (ms: number) => Promise<void>;
  /** runs under the data folder's lock, before the database is opened (headless: the demo reset, `--restore-backup`) */
  beforeOpen?: () => void;
}

export interface PortalOverrides { host?: string; port?: number }

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
  clock: Clock;
  logger: Logger;
  /** Starts the LAN portal on the configured (or overridden) address. */
  startPortal(overrides?: PortalOverrides): Promise<RunningServer>;
  close(): Promise<void>;
}

export function composeApp(opts: CompositionOptions): App {
  ownerOnlyDir(opts.dataDir);
  // first of all: a second server on this folder stops here, before it migrates or recovers anything
  const lock = takeInstanceLock(opts.dataDir);
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
  const events = new EventBus();
  let portal: RunningServer | null = null;

  const auth = new AdminAuthService({ db, clock, logger });
  const secrets = opts.secrets ?? keyFileSecretBox(opts.dataDir);
  const tls = new PortalTls({ db, dataDir: opts.dataDir, secrets });
  const settings = new SettingsService({ db, events, tls, portalRunningUrl: () => portal?.url ?? null });
  const employees = new EmployeeService({
    db, clock, events, logger, onDeleted: (id) => auth.endSessionsOf(id),
  });
  const portalUrl = () => portalBaseUrl(readSettings(db), portal);
  const renderer = createPdfRenderer();
  const issuance = new PdfIssuanceService({ db, clock, events, logger, renderer, portalUrl });
  const smtp = new SmtpService({
    db, events, logger, secrets, override: smtpOverride(opts),
  });
  const verification = new MailVerificationService({ db, clock, events, logger, smtp, employees, portalUrl });
  const portalAuth = new PortalAuthService({ db, clock, events, logger });
  const punches = new PunchService({ db, clock, events, logger });
  const bulkMail = new BulkMailService({
    db, clock, events, logger, smtp, verification, wait: opts.wait ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
  });
  bulkMail.recoverInterrupted();
  const csv = new CsvService({ db, clock, events, logger });
  const audit = new AuditService({ db, clock });
  const backup = new BackupService({ db, dataDir: opts.dataDir, clock, events, logger });
  const demoMailbox = opts.demoMailbox ?? null;
  demoMailbox?.onReceive((m) => events.emit('demoMailReceived', { id: m.id }));
  const dispatcher = createDispatcher(
    createHandlers({ auth, settings, employees, issuance, smtp, verification, bulkMail, csv, audit, backup, demoMailbox, desktop: opts.desktop ?? null }),
    (s) => auth.isLoggedIn(s),
    logger,
    auditCalls(audit, auth),
  );

  return {
    db, events, dispatcher, auth, employees, settings, issuance, smtp, verification, portalAuth, punches, bulkMail, csv, audit, backup, clock, logger,
    async startPortal(overrides = {}) {
      const s = readSettings(db);
      portal = await startPortalServer({
        host: overrides.host ?? s.portalHost,
        port: overrides.port ?? s.portalPort,
        tls: tls.load(),
        companyName: () => readSettings(db).companyName,
        logger,
        verification,
        auth: portalAuth,
        employees,
        punches,
        clock,
      });
      return portal;
    },
    async close() {
      await Promise.all([bulkMail.stop(), backup.stop()]);
      await Promise.all([portal?.close(), renderer.close(), demoMailbox?.close(), smtp.close()]);
      db.close();
      lock.release();
    },
  };
}

/** The URL employees use: the configured one, else where the portal listens (or would). */
export function portalBaseUrl(s: { portalBaseUrl: string; portalHost: string; portalPort: number }, running: RunningServer | null): string {
  if (s.portalBaseUrl) return s.portalBaseUrl.endsWith('/') ? s.portalBaseUrl : `${s.portalBaseUrl}/`;
  const host = urlHost(running?.host ?? s.portalHost);
  return `${running?.secure ? 'https' : 'http'}://${host}:${running?.port ?? s.portalPort}/`;
}

function smtpOverride(opts: CompositionOptions): SmtpOverride | null {
  if (opts.smtpUrl) {
    const u = new URL(opts.smtpUrl);
    return { url: opts.smtpUrl, label: `${u.hostname}:${u.port || (u.protocol === 'smtps:' ? 465 : 587)}`, demoMailbox: false };
  }
  if (opts.demoMailbox) return { url: opts.demoMailbox.url, label: ja.menu.demoMailbox, demoMailbox: true };
  return null;
}
