/**
 * Which contract calls are administrator actions for the 操作ログ, under what name, and
 * whom they concern. Reads are not listed. Only ids, counts and setting names are taken
 * from inputs: never a password, passcode, token or link.
 */
import type { MethodName } from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';

type AnyRecord = Record<string, unknown>;

export interface AuditRule {
  action: string;
  /** employees concerned, from the input (read before the action: a deleted one is still named) */
  before?: (input: AnyRecord) => number[];
  /** employees concerned, from the result (e.g. a notice's successful rows) */
  after?: (result: AnyRecord) => number[];
  detail?: (input: AnyRecord, result: AnyRecord | null) => string;
}

const a = ja.audit.actions;
const id = (input: AnyRecord) => [input.id as number];
/** an administrator account a change concerned: 「氏名（ログインID）」 (never the initial password) */
const administrator = (_i: AnyRecord, r: AnyRecord | null) => {
  const s = r?.subject as { name: string; loginId: string } | undefined;
  return s ? ja.audit.target(s.name, s.loginId) : '';
};
const issued = (result: AnyRecord) =>
  ((result.rows as { employeeId: number; outcome: string }[] | undefined) ?? []).filter((r) => r.outcome === 'success').map((r) => r.employeeId);
const issueDetail = (via: string) => (_i: AnyRecord, r: AnyRecord | null) => {
  const c = r?.counts as { success: number; failure: number; excluded: number } | undefined;
  return c ? ja.audit.issueDetail(via, r!.kind === 'passcode' ? ja.audit.passcode : ja.audit.password, c.success, c.failure, c.excluded) : via;
};

const smtpMethod = (m: unknown) => (m === 'microsoft365' || m === 'google' ? ` ${ja.oauth.authMethodLabels[m]}` : '');

export const AUDIT_RULES: Partial<Record<MethodName, AuditRule>> = {
  'auth.setup': { action: a.setup },
  'auth.login': { action: a.login },
  'auth.logout': { action: a.logout },
  'auth.changePassword': { action: a.passwordChange },
  'administrators.create': { action: a.adminCreate, detail: administrator },
  'administrators.disable': { action: a.adminDisable, detail: administrator },
  'administrators.enable': { action: a.adminEnable, detail: administrator },
  'administrators.delete': { action: a.adminDelete, detail: administrator },
  'administrators.resetPassword': { action: a.adminResetPassword, detail: administrator },
  'settings.updateAccount': {
    action: a.settings,
    detail: (i) => ja.audit.accountDetail(ja.notifyMethod[i.notifyMethod as 'pdf' | 'mail'], i.verificationDays as number),
  },
  'settings.updateCompany': { action: a.settings, detail: () => ja.settings.companyName },
  'settings.updatePortal': { action: a.settings, detail: (i) => `${ja.settings.portalSection} ${String(i.listenHost)}:${String(i.port)}` },
  'settings.setPortalCertificate': { action: a.settings, detail: (i) => `HTTPS ${String(i.kind).toUpperCase()}` },
  'settings.removePortalCertificate': { action: a.settings, detail: () => 'HTTPS -' },
  'app.setAutoStart': { action: a.settings, detail: (i) => `${ja.desktop.autoStartTitle} ${i.enabled ? 'ON' : 'OFF'}` },
  // the method's name only: never a secret, a certificate or a key file
  'smtp.update': { action: a.settings, detail: (i) => `${ja.smtp.title} ${String(i.host)}:${String(i.port)}${smtpMethod(i.authMethod)}` },
  'smtp.test': { action: a.smtpTest, detail: (i) => String(i.to) },
  // the mailbox and the method only: never its password
  'bounce.update': { action: a.settings, detail: (i) => `${ja.bounce.title} ${i.enabled ? `${String(i.host)}:${String(i.port)} ${String(i.authMethod)}` : 'OFF'}` },
  'bounce.test': { action: a.bounceTest },
  'employees.create': { action: a.create, after: (r) => [((r.employee as AnyRecord | undefined)?.id as number | undefined) ?? -1].filter((x) => x > 0) },
  'employees.update': { action: a.update, before: id },
  'employees.setFirstAddress': { action: a.update, before: id, detail: () => ja.employeeForm.email(1) },
  'employees.delete': { action: a.delete, before: (i) => i.ids as number[] },
  'employees.unlock': { action: a.unlock, before: id },
  'employees.unlockAll': { action: a.unlockAll, after: (r) => r.ids as number[], detail: (_i, r) => (r ? ja.audit.count(r.unlocked as number) : '') },
  'mailIssue.sendVerification': { action: a.sendVerification, before: id, detail: (i) => ja.employeeForm.email(i.slot as number) },
  'mailIssue.sendAccountMail': { action: a.sendAccountMail, before: id, detail: (i) => ja.employeeForm.email(i.slot as number) },
  'mailIssue.cancel': { action: a.cancel, before: id },
  'bulkMail.start': {
    action: a.bulkMail, before: (i) => (i.items as { id: number }[]).map((x) => x.id),
    detail: (i) => ja.audit.count((i.items as unknown[]).length),
  },
  'bulkMail.resume': { action: a.bulkMailResume },
  'issuance.awaitDownload': { action: a.pdfIssue, after: issued, detail: issueDetail(ja.audit.viaDownload) },
  'issuance.saveToFile': { action: a.pdfIssue, after: issued, detail: issueDetail(ja.audit.viaSave) },
  'issuance.print': { action: a.pdfIssue, after: issued, detail: issueDetail(ja.audit.viaPrint) },
  'csv.export': { action: a.csvExport, detail: (i, r) => `${i.encoding === 'sjis' ? 'Shift_JIS' : 'UTF-8'} ${r?.rows !== undefined ? ja.audit.count(r.rows as number) : ''}`.trim() },
  'audit.export': { action: a.auditExport, detail: (_i, r) => (r ? ja.audit.count(r.rows as number) : '') },
  'backup.create': { action: a.backup, detail: (_i, r) => String(r?.fileName ?? '') },
  'backup.restore': { action: a.restore, detail: (i) => String(i.fileName) },
  'csv.commitImport': { action: a.csvImport, detail: (_i, r) => (r ? ja.audit.importDetail(r.created as number, r.updated as number) : '') },
};
