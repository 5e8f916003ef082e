import type { AdminAuthService } from '../services/admin-auth-service';
import type { EmployeeService } from '../services/employee-service';
import type { SettingsService } from '../services/settings-service';
import type { PdfIssuanceService } from '../services/pdf-issuance-service';
import type { SmtpService } from '../services/smtp-service';
import type { MailVerificationService } from '../services/mail-verification-service';
import type { DemoMailbox } from '../services/mail/demo-mailbox';
import type { BulkMailService } from '../services/bulk-mail-service';
import type { CsvService } from '../services/csv-service';
import type { AuditService } from '../services/audit-service';
import type { BackupService } from '../services/backup-service';
import type { AdministratorService } from '../services/administrator-service';
import type { BounceService } from '../services/bounce-service';
import type { DesktopPdfDelivery } from '../services/pdf/desktop-delivery';
import type { AutoStartControl } from '../services/support/auto-start-control';
import { AppError } from '../services/support/errors';
import { ja } from '../../preload/i18n/ja';
import type { Handlers } from './dispatcher';

export interface HandlerServices {
  auth: AdminAuthService;
  settings: SettingsService;
  employees: EmployeeService;
  issuance: PdfIssuanceService;
  smtp: SmtpService;
  verification: MailVerificationService;
  bulkMail: BulkMailService;
  csv: CsvService;
  audit: AuditService;
  backup: BackupService;
  administrators: AdministratorService;
  bounces: BounceService;
  demoMailbox: DemoMailbox | null;
  /** the desktop app's save and print; absent in headless mode */
  desktop: DesktopPdfDelivery | null;
  /** the desktop app's start at login; absent in headless mode */
  autoStart: AutoStartControl | null;
}

/** How long a prepared notice waits for the browser to fetch it (headless mode). */
export const DOWNLOAD_WAIT_MS = 60_000;

/** The contract's methods mapped onto the services: thin, no logic of their own. */
export function createHandlers(services: HandlerServices): Handlers {
  const { auth, settings, employees, issuance, smtp, verification, bulkMail, csv, audit, backup, demoMailbox, desktop, autoStart, administrators, bounces } = services;
  const desktopOnly = (): DesktopPdfDelivery => {
    if (!desktop) throw new AppError('FORBIDDEN', ja.issue.desktopOnly);
    return desktop;
  };
  return {
    'app.getInfo': () => ({ desktop: desktop !== null, demoMailbox: demoMailbox !== null }),
    'app.getAutoStart': () => ({ available: autoStart !== null, enabled: autoStart?.get() ?? false }),
    'app.setAutoStart': ({ enabled }) => {
      if (!autoStart) throw new AppError('FORBIDDEN', ja.issue.desktopOnly);
      autoStart.set(enabled);
      return { available: true, enabled: autoStart.get() };
    },

    'auth.getState': (_i, ctx) => auth.state(ctx.sessionId),
    'auth.setup': async (input, ctx) => {
      ctx.setSession(await auth.setup(input));
      return auth.state(ctx.sessionId);
    },
    'auth.login': async (input, ctx) => {
      const fresh = await auth.login(input); // a refused login leaves this tab's session as it was
      auth.logout(ctx.sessionId); // a fresh session id at every login
      ctx.setSession(fresh);
      return auth.state(ctx.sessionId);
    },
    'auth.logout': (_i, ctx) => {
      auth.logout(ctx.sessionId);
      ctx.setSession(null);
      return auth.state(null);
    },
    'auth.changePassword': async (input, ctx) => {
      await auth.changePassword(ctx.sessionId, input);
      return auth.state(ctx.sessionId);
    },

    'administrators.list': (_i, ctx) => administrators.list(ctx.sessionId),
    'administrators.create': (input, ctx) => administrators.create(ctx.sessionId, input),
    'administrators.disable': (input, ctx) => administrators.disable(ctx.sessionId, input),
    'administrators.enable': (input, ctx) => administrators.enable(ctx.sessionId, input),
    'administrators.delete': (input, ctx) => administrators.delete(ctx.sessionId, input),
    'administrators.resetPassword': (input, ctx) => administrators.resetPassword(ctx.sessionId, input),

    'settings.get': () => settings.get(),
    'settings.updateAccount': (input) => settings.updateAccount(input),
    'settings.updateCompany': (input) => settings.updateCompany(input),
    'settings.updatePortal': (input) => settings.updatePortal(input),
    'settings.setPortalCertificate': (input) => {
      settings.setPortalCertificate(input);
      return settings.applyPortalCertificate();
    },
    'settings.removePortalCertificate': () => {
      settings.removePortalCertificate();
      return settings.applyPortalCertificate();
    },

    'employees.list': (input) => employees.list(input),
    'employees.get': (input) => employees.get(input.id),
    'employees.create': ({ acceptDuplicateWarnings, ...fields }) => employees.create(fields, acceptDuplicateWarnings),
    'employees.update': ({ id, acceptDuplicateWarnings, version, ...fields }) =>
      employees.update(id, fields, acceptDuplicateWarnings, version),
    'employees.delete': (input) => employees.delete(input.ids),
    'employees.unlock': (input) => employees.unlock(input.id),
    'employees.unlockAll': () => employees.unlockAll(),

    'smtp.get': () => smtp.get(),
    'smtp.update': (input) => smtp.update(input),
    'smtp.test': (input) => smtp.test(input.to),
    'bounce.get': () => bounces.get(),
    'bounce.update': (input) => bounces.update(input),
    'bounce.test': () => bounces.test(),

    'mailIssue.get': (input) => verification.view(input.id),
    'mailIssue.sendVerification': (input) => verification.sendVerification(input.id, input.slot),
    'mailIssue.sendAccountMail': (input) => verification.sendAccountMail(input.id, input.slot),
    'mailIssue.cancel': (input) => verification.cancel(input.id),

    'bulkMail.preview': (input) => bulkMail.preview(input.ids),
    'bulkMail.estimate': (input) => ({ seconds: bulkMail.estimateSeconds(input.count) }),
    'bulkMail.start': (input) => bulkMail.start(input.items),
    'bulkMail.status': (input) => bulkMail.status(input.jobId),
    'bulkMail.latest': () => bulkMail.latest(),
    'bulkMail.resume': (input) => bulkMail.resume(input.jobId),
    'employees.setFirstAddress': ({ id, email1, acceptDuplicateWarnings }) => {
      const e = employees.get(id);
      return employees.updateAddresses(id, { email1, email2: e.email2, email3: e.email3 }, acceptDuplicateWarnings);
    },

    'csv.export': (input) => csv.export(input.filters, input.encoding),
    'csv.previewImport': (input) => csv.previewImport(input.pattern, input.encoding, Buffer.from(input.contentBase64, 'base64')),
    'csv.commitImport': (input) => csv.commitImport(input.previewId),

    'audit.list': (input) => audit.list(input),
    'audit.export': ({ encoding, ...filter }) => audit.exportCsv(filter, encoding),

    'backup.list': () => backup.list(),
    'backup.create': () => backup.backupNow(),
    'backup.restore': async (input) => {
      await backup.restore(input.fileName);
      return { restored: true as const };
    },

    'demo.listMail': () => demoMailbox?.list() ?? [],

    'issuance.preparePdf': async (input) => (await issuance.prepare(input)).preview,
    'issuance.awaitDownload': ({ issueId }) => issuance.awaitResult(issueId, DOWNLOAD_WAIT_MS),
    'issuance.saveToFile': ({ issueId }) => issuance.deliver(issueId, (pdf, name) => desktopOnly().saveToFile(pdf, name)),
    'issuance.print': ({ issueId }) => issuance.deliver(issueId, (pdf) => desktopOnly().print(pdf)),
    'issuance.discard': ({ issueId }) => {
      issuance.discard(issueId);
      return { discarded: true as const };
    },
  };
}
