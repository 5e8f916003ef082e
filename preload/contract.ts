/**
 * The contract between the screens and the main process: every operation, its input schema
 * and its result type, written once. The main-side dispatcher and the renderer-side client
 * are both derived from `methods` and `events`; nothing here imports electron or the DOM.
 */
import type { z } from 'zod';
import * as s from './schemas';
import type {
  IssuedVia, MailResult, NotifyMethod, PasscodeStatus, PasswordStatus, VerificationStatus,
} from './domain-types';

/** A method: its input schema, whether it may be called before login, and (phantom) its result. */
interface MethodSpec<I extends z.ZodType, O> {
  readonly input: I;
  readonly public: boolean;
  readonly __result?: O;
}
const method = <I extends z.ZodType>(input: I, opts: { public?: boolean } = {}) => ({
  returns: <O>(): MethodSpec<I, O> => ({ input, public: opts.public ?? false }),
});

// ---- result types -------------------------------------------------------------------

export interface AuthState {
  setupRequired: boolean;
  loggedIn: boolean;
  companyName: string;
  adminName: string | null;
  /** logged in with an initial password: the screens show the password change, and nothing else works until then */
  passwordChangeRequired: boolean;
  /** 基本設定 › 管理者アカウント: the 法人管理者 only */
  canManageAdministrators: boolean;
}

/** A ユーザー管理者 as 基本設定 › 管理者アカウント lists it. */
export interface AdministratorRow {
  id: number;
  loginId: string;
  name: string;
  /** 'initial': still on the initial password (changed at the first login) */
  status: 'active' | 'initial' | 'disabled';
  locked: boolean;
  lastLoginAt: number | null;
  createdAt: number;
  /** the row version this was read at: a change names it */
  version: number;
}
export interface AdministratorsView {
  companyAdmin: { name: string; loginId: string };
  administrators: AdministratorRow[];
}
/** The result of a change: the list as it is now, and whom it concerned (for the message and the 操作ログ). */
export interface AdministratorChange extends AdministratorsView { subject: { name: string; loginId: string } }
/** An initial password, in the one answer that carries it: shown once, or as a notice PDF. */
export interface InitialPasswordResult extends AdministratorChange {
  initialPassword: string | null;
  pdf: { fileName: string; contentBase64: string } | null;
}

/** Why a configured certificate cannot be used: its files are gone, cannot be read, do not parse (or do not pair), or the PFX passphrase cannot be unsealed. */
export type PortalTlsProblem = 'missing' | 'unreadable' | 'invalid' | 'passphrase';
export interface PortalTlsInfo {
  mode: 'none' | 'pem' | 'pfx'; subject: string | null; validTo: string | null;
  /** the configured certificate cannot be loaded (the portal then stays down rather than run on plain HTTP) */
  problem: PortalTlsProblem | null;
}

export interface Settings {
  companyName: string;
  notifyMethod: NotifyMethod;
  verificationDays: number;
  requirePasswordChange: boolean;
  portal: { listenHost: string; port: number; baseUrl: string };
  /** Where the portal really listens in this run (command-line overrides applied). */
  portalRunningUrl: string | null;
  /** The address and port in effect in this run, and where each comes from (null while the portal is down). */
  portalListening: PortalListening | null;
  /** the certificate kept for HTTPS (used from the next start) */
  portalTls: PortalTlsInfo;
  /** whether employees can open the URL that notices and mails carry, and what to use instead */
  portalReach: PortalReach;
}

export interface PortalReach {
  /** the portal URL notices, mails and the kiosk link carry now */
  url: string;
  /** that URL names the machine it is opened on (127.x, ::1, localhost): on an employee's device, the employee's own */
  loopback: boolean;
  /** while 社員がアクセスするURL is blank: this machine's LAN addresses (IPv4 of active interfaces), then its host name */
  proposals: string[];
  /** where the portal listens in this run (or would, from the settings) */
  listenHost: string;
  /** that is a loopback address: no other PC reaches the portal, whatever URL is printed */
  listenLoopback: boolean;
}

/** 「パソコンの起動時に自動で開始する」: only the desktop app has it */
export interface AutoStartState { available: boolean; enabled: boolean }
/** 'commandLine': `--portal-host` / `--portal-port` of this start; 'settings': the stored value, as it was at start. */
export type PortalSettingSource = 'commandLine' | 'settings';
export interface PortalListening { host: string; port: number; hostFrom: PortalSettingSource; portFrom: PortalSettingSource }

export interface EmployeeRow {
  id: number;
  code: string;
  lastName: string;
  firstName: string;
  loginId: string;
  department: string;
  recorderEnabled: boolean;
  isCompanyAdmin: boolean;
  password: PasswordStatus;
  verification: VerificationStatus;
  passcode: PasscodeStatus;
  /** epoch ms of the latest verification mail of the issuance in progress */
  verificationSentAt: number | null;
  verificationExpiresAt: number | null;
  lastLoginAt: number | null;
  addressCount: number;
  /** 「ロック中」: the login or the kiosk passcode is locked after repeated failures */
  locked: boolean;
  /** counted by 「選択してパスワード発行 N」 in the current 通知手段 */
  bulkIssuable: boolean;
  /** the report read for the employee's latest mail: 送信エラー (5.x.x) or 配信遅延 (4.x.x); gone with a new send */
  mailBounce?: MailBounce | null;
}

/** What a delivery report said about one of our mails (only the diagnostic line of it is kept). */
export interface MailBounce { kind: 'failed' | 'delayed'; status: string; diagnostic: string; at: number }

export interface EmployeeDetail extends EmployeeRow {
  honorific: string;
  email1: string | null;
  email2: string | null;
  email3: string | null;
  issuedVia: IssuedVia | null;
  /** the row version this was read at: an edit names it, and is refused when another actor was first */
  version: number;
}

export interface GridPage {
  rows: EmployeeRow[];
  total: number;
  page: number;
  pageSize: number;
  /** employees whose passcode is 未発行 (the N of 「パスコード一括発行 N」), whole company */
  passcodeUnissued: number;
  /** the aggregate panel of mail mode, whole company */
  verificationCounts: Record<VerificationStatus, number>;
  /** employees locked now, whole company (「すべてロック解除」 is offered when any are) */
  lockedCount: number;
  /** employees whose latest mail came back undelivered, whole company (「送信エラー: N件」) */
  bounceCount?: number;
  notifyMethod: NotifyMethod;
}

export interface DuplicateAddressWarning {
  address: string;
  /** null: the same address twice within this employee */
  otherEmployee: { id: number; name: string; loginId: string } | null;
}

export type SaveEmployeeResult =
  | { status: 'saved'; employee: EmployeeDetail }
  | { status: 'needsConfirmation'; warnings: DuplicateAddressWarning[] };

export type IssueKind = 'password' | 'passcode';
/** 成功 / 失敗 / 対象外, and 'pending' in a preview before delivery */
export type IssueOutcome = 'success' | 'failure' | 'excluded';
export interface IssueRowResult {
  employeeId: number;
  loginId: string;
  name: string;
  outcome: IssueOutcome | 'pending';
  /** 備考: why a row failed or was excluded */
  note: string;
}
/** A rendered notice waiting for delivery: nothing is stored yet. */
/**
 * A name printed on the notices with characters their font cannot print (employeeId null: the 法人名);
 * `department`: the employee's 所属, printed too, has some (`characters` may then be empty).
 */
export interface UnprintableName {
  employeeId: number | null; name: string; characters: string[];
  department?: { text: string; characters: string[] };
}
export interface IssuePreview {
  issueId: string; kind: IssueKind; fileName: string; pages: number; rows: IssueRowResult[];
  /** shown, with the choice to go on or stop, before the notice is delivered */
  warnings?: UnprintableName[];
}
/** 「通知: PDF一括ダウンロード実行結果」 */
export interface IssueResult {
  issueId: string;
  kind: IssueKind;
  rows: IssueRowResult[];
  counts: Record<IssueOutcome, number>;
}
export interface AppInfo { desktop: boolean; demoMailbox: boolean }

export interface SmtpSettingsView {
  host: string;
  port: number;
  security: 'none' | 'starttls' | 'tls';
  user: string;
  /** the password itself never leaves the main process */
  passwordSet: boolean;
  fromAddress: string;
  fromName: string;
  ratePerMinute: number;
  /** set when --smtp-url or the demo mailbox replaces these settings for this run */
  overriddenBy: string | null;
  demoMailbox: boolean;
  /** 認証方式: the password above, or OAuth 2.0 (XOAUTH2) with one of the providers */
  authMethod: SmtpAuthMethod;
  /** OAuth 2.0's settings; the secrets themselves never leave the main process, only whether they are set */
  oauth: SmtpOAuthView;
  /** a credential of the chosen method that expires within 30 days or has expired (the grid's header warns) */
  expiry: CredentialExpiry | null;
}

export type SmtpAuthMethod = 'password' | 'microsoft365' | 'google';
export interface SmtpOAuthView {
  /** 送信者メールアドレス: the mailbox logged in as */
  user: string;
  tenantId: string;
  clientId: string;
  credential: 'secret' | 'certificate';
  secretSet: boolean;
  /** 'YYYY-MM-DD', or '' when not entered */
  secretExpiresOn: string;
  certificate: { subject: string; validTo: string } | null;
  serviceAccount: { clientEmail: string; clientId: string } | null;
}
export interface CredentialExpiry {
  what: 'secret' | 'certificate';
  /** 'YYYY-MM-DD' */
  date: string;
  /** whole days left (0 or less: expired) */
  daysLeft: number;
}

export type MailKind = 'verification' | 'account';
export interface MailHistoryEntry {
  sentAt: number; address: string; kind: MailKind; result: MailResult; detail: string;
  /** a delivery report read for this mail (送信エラー / 配信遅延) */
  bounce?: MailBounce | null;
}

/** 基本設定 › メール送信 › 送信エラーの確認 */
export interface BounceSettingsView {
  enabled: boolean;
  host: string;
  port: number;
  security: 'none' | 'starttls' | 'tls';
  authMethod: 'password' | 'oauth';
  user: string;
  /** the password itself never leaves the main process */
  passwordSet: boolean;
  folder: string;
  moveTo: string;
  /** the OAuth 2.0 provider of the sending settings, when chosen there ('oauth' is offered only then) */
  oauthProvider: 'microsoft365' | 'google' | null;
  /** demo mode: reports come back to the built-in mailbox and are always watched */
  demoMailbox: boolean;
  /** the watcher, now */
  status: { state: 'off' | 'connecting' | 'watching' | 'retrying'; idle: boolean; lastCheckedAt: number | null; lastError: string | null; handled: number };
}

/** The individual 「パスワード発行」 screen in mail mode (SPEC §6). */
export interface MailIssueView {
  employee: EmployeeDetail;
  /** the address slots that hold an address, default メールアドレス1 */
  addresses: { slot: 1 | 2 | 3; address: string; verified: boolean }[];
  history: MailHistoryEntry[];
  preview: { verification: { subject: string; text: string }; account: { subject: string; text: string } };
  canCancel: boolean;
  /** the password is 発行済 or 再発行中: the screen is the reissue one (SPEC §7) */
  reissue: boolean;
  /** 「アカウント通知メール送信」 is allowed (発行済/(済, -) or 再発行中) */
  canSendAccountMail: boolean;
}

/** 「パスワード一括発行」 in mail mode: the selected rows as they are now. */
export interface BulkMailPreview {
  rows: {
    employeeId: number; loginId: string; name: string; recorderEnabled: boolean;
    password: PasswordStatus; verification: VerificationStatus;
    addresses: { slot: 1 | 2 | 3; address: string }[];
    /** 未発行/未 (and the uncertain rows below): only these can be sent to */
    eligible: boolean;
    /** the last bulk mail may or may not have gone out (a crash); its link works: unticked unless the administrator ticks it */
    uncertain: boolean;
    note: string;
  }[];
  /** an address set for several employees of the batch (the warning of SPEC §6) */
  duplicates: { address: string; employeeIds: number[] }[];
  estimateSecondsPerMail: number;
}

/** 'uncertain': caught by a crash while its mail was on its way; its link works, it is never resent by itself */
export type BulkMailRowState = 'pending' | 'sending' | 'sent' | 'failed' | 'excluded' | 'uncertain';
export interface BulkMailStatus {
  jobId: string;
  total: number;
  sent: number;
  failed: number;
  excluded: number;
  uncertain: number;
  pending: number;
  running: boolean;
  remainingSeconds: number;
  /** mails of this batch reported undelivered so far (送信エラー, found in the mailbox afterwards) */
  bounced?: number;
  rows: {
    employeeId: number | null; loginId: string; name: string; address: string; state: BulkMailRowState; note: string;
    /** the report of this row's mail, once one came back */
    bounce?: MailBounce | null;
  }[];
}

export type CsvExportResult =
  | { status: 'ready'; fileName: string; contentBase64: string; rows: number }
  /** Shift_JIS cannot hold these characters: suggest UTF-8 instead of writing 「?」 */
  | { status: 'unencodable'; problems: { line: number; loginId: string; characters: string[] }[] };

export interface ImportPreviewRow {
  line: number;
  action: 'create' | 'update' | 'unchanged';
  loginId: string;
  name: string;
  errors: string[];
  warnings: string[];
}
export interface ImportPreview {
  /** null while any row has an error: errors block, warnings can be accepted */
  previewId: string | null;
  encoding: 'sjis' | 'utf8';
  rows: ImportPreviewRow[];
  counts: { create: number; update: number; unchanged: number; errors: number };
  warnings: string[];
}
export interface ImportResult { created: number; updated: number }

export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  targets: { id: number; name: string; loginId: string }[];
  result: 'ok' | 'error';
  detail: string;
}
export interface AuditPage { rows: AuditEntry[]; total: number; page: number; pageSize: number }

export interface BackupInfo { fileName: string; createdAt: number; size: number }

export interface DemoMail { id: number; receivedAt: number; to: string; subject: string; text: string }

/** A refused call: `code` for programs, `message` (Japanese) for people. */
export interface AppErrorData {
  code: 'VALIDATION' | 'UNAUTHORIZED' | 'AUTH_FAILED' | 'LOCKED' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'INTERNAL';
  message: string;
  fieldErrors?: Record<string, string>;
}

// ---- the methods ------------------------------------------------------------------

export const methods = {
  'app.getInfo': method(s.emptySchema).returns<AppInfo>(),
  /** 基本設定's 「パソコンの起動時に自動で開始する（ウィンドウは開かない）」 (desktop app only) */
  'app.getAutoStart': method(s.emptySchema).returns<AutoStartState>(),
  'app.setAutoStart': method(s.autoStartSchema).returns<AutoStartState>(),

  'auth.getState': method(s.emptySchema, { public: true }).returns<AuthState>(),
  'auth.setup': method(s.setupSchema, { public: true }).returns<AuthState>(),
  'auth.login': method(s.loginSchema, { public: true }).returns<AuthState>(),
  'auth.logout': method(s.emptySchema, { public: true }).returns<AuthState>(),
  /** a ユーザー管理者's own password in place of the initial one (public: the session that must change it may call only this) */
  'auth.changePassword': method(s.changePasswordSchema, { public: true }).returns<AuthState>(),

  /** 基本設定 › 管理者アカウント: the 法人管理者 adds, disables, enables and removes ユーザー管理者 */
  'administrators.list': method(s.emptySchema).returns<AdministratorsView>(),
  'administrators.create': method(s.createAdministratorSchema).returns<InitialPasswordResult>(),
  'administrators.disable': method(s.administratorRefSchema).returns<AdministratorChange>(),
  'administrators.enable': method(s.administratorRefSchema).returns<AdministratorChange>(),
  'administrators.delete': method(s.administratorRefSchema).returns<AdministratorChange>(),
  'administrators.resetPassword': method(s.resetAdministratorSchema).returns<InitialPasswordResult>(),

  'settings.get': method(s.emptySchema).returns<Settings>(),
  'settings.updateAccount': method(s.accountSettingsSchema).returns<Settings>(),
  'settings.updateCompany': method(s.companySettingsSchema).returns<Settings>(),
  'settings.updatePortal': method(s.portalSettingsSchema).returns<Settings>(),
  /** HTTPS for the LAN pages with the administrator's certificate (PEM pair or PFX), from the next start */
  'settings.setPortalCertificate': method(s.portalCertificateSchema).returns<Settings>(),
  'settings.removePortalCertificate': method(s.emptySchema).returns<Settings>(),

  'employees.list': method(s.gridQuerySchema).returns<GridPage>(),
  'employees.get': method(s.employeeIdSchema).returns<EmployeeDetail>(),
  'employees.create': method(s.createEmployeeSchema).returns<SaveEmployeeResult>(),
  'employees.update': method(s.updateEmployeeSchema).returns<SaveEmployeeResult>(),
  'employees.delete': method(s.deleteEmployeesSchema).returns<{ deleted: number }>(),
  /** 「ロック解除」: the login and the kiosk passcode open again */
  'employees.unlock': method(s.employeeIdSchema).returns<EmployeeDetail>(),
  /** 「すべてロック解除」: every employee's locks at once (after the screen's confirmation) */
  'employees.unlockAll': method(s.emptySchema).returns<{ unlocked: number; ids: number[] }>(),

  'smtp.get': method(s.emptySchema).returns<SmtpSettingsView>(),
  'smtp.update': method(s.smtpSettingsSchema).returns<SmtpSettingsView>(),
  'smtp.test': method(s.smtpTestSchema).returns<{ response: string }>(),
  /** 送信エラーの確認: the mailbox where delivery reports arrive */
  'bounce.get': method(s.emptySchema).returns<BounceSettingsView>(),
  'bounce.update': method(s.bounceSettingsSchema).returns<BounceSettingsView>(),
  /** 「接続テスト」 with the stored settings */
  'bounce.test': method(s.emptySchema).returns<{ message: string }>(),

  'mailIssue.get': method(s.employeeIdSchema).returns<MailIssueView>(),
  /** 「認証要求メール送信」 to one of the employee's addresses */
  'mailIssue.sendVerification': method(s.sendVerificationSchema).returns<MailIssueView>(),
  /** 「アカウント通知メール送信」 (reissue): a new password by mail, skipping verification */
  'mailIssue.sendAccountMail': method(s.sendVerificationSchema).returns<MailIssueView>(),
  /** 「認証要求の取り消し」 */
  'mailIssue.cancel': method(s.employeeIdSchema).returns<MailIssueView>(),

  /** the mail bulk screen's rows for the selected employees */
  'bulkMail.preview': method(s.bulkMailPreviewSchema).returns<BulkMailPreview>(),
  /** the confirmation's 「約N秒」 */
  'bulkMail.estimate': method(s.bulkMailEstimateSchema).returns<{ seconds: number }>(),
  /** 「認証要求メール送信 N」: the job runs in the background; progress comes as bulkMailProgress */
  'bulkMail.start': method(s.bulkMailStartSchema).returns<BulkMailStatus>(),
  'bulkMail.status': method(s.bulkMailJobSchema).returns<BulkMailStatus>(),
  /** the latest job, for the grid's progress line and 「再開」 after an interruption */
  'bulkMail.latest': method(s.emptySchema).returns<BulkMailStatus | null>(),
  'bulkMail.resume': method(s.bulkMailJobSchema).returns<BulkMailStatus>(),
  /** the pencil on a 「未設定」 row: saved as メールアドレス1, with the duplicate warning */
  'employees.setFirstAddress': method(s.setFirstAddressSchema).returns<SaveEmployeeResult>(),

  /** 「社員情報の一括ダウンロード」 of every employee the grid's filters select */
  'csv.export': method(s.csvExportSchema).returns<CsvExportResult>(),
  /** 「社員情報の一括アップロード」: the preview; nothing is saved */
  'csv.previewImport': method(s.csvImportSchema).returns<ImportPreview>(),
  /** 「OK」 on the preview: every row in one transaction, or none */
  'csv.commitImport': method(s.csvCommitSchema).returns<ImportResult>(),

  /** 「操作ログ」: newest first, filtered by date, action and employee */
  'audit.list': method(s.auditListSchema).returns<AuditPage>(),
  'audit.export': method(s.auditExportSchema).returns<{ fileName: string; contentBase64: string; rows: number }>(),

  'backup.list': method(s.emptySchema).returns<BackupInfo[]>(),
  /** 「バックアップ」 now (SQLite online backup, consistent while the app runs) */
  'backup.create': method(s.emptySchema).returns<BackupInfo>(),
  /** 「復元」 from one of the listed backups, after the screen's confirmation */
  'backup.restore': method(s.backupRestoreSchema).returns<{ restored: true }>(),

  /** 「デモ用受信箱」: what the built-in demo mailbox received (demo mode only) */
  'demo.listMail': method(s.emptySchema).returns<DemoMail[]>(),

  /** Generate, hash and render a notice; nothing is stored until it is delivered. */
  'issuance.preparePdf': method(s.preparePdfSchema).returns<IssuePreview>(),
  /** Headless: the browser downloads `${PDF_DOWNLOAD_PATH}${issueId}`; this resolves once it was sent. */
  'issuance.awaitDownload': method(s.issueIdSchema).returns<IssueResult>(),
  /** Desktop: the save dialog, then the file is written, then the statuses are stored. */
  'issuance.saveToFile': method(s.issueIdSchema).returns<IssueResult>(),
  /** Desktop: the system print dialog; stored once the print job was accepted. */
  'issuance.print': method(s.issueIdSchema).returns<IssueResult>(),
  'issuance.discard': method(s.issueIdSchema).returns<{ discarded: true }>(),
} as const;

export type MethodName = keyof typeof methods;
export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<(typeof methods)[M]['input']>;
export type MethodResult<M extends MethodName> = Exclude<(typeof methods)[M]['__result'], undefined>;
export const METHOD_NAMES = Object.keys(methods) as MethodName[];

/** What the screens call: one async function per method. */
export type AdminApi = { [M in MethodName]: (input: MethodInput<M>) => Promise<MethodResult<M>> };

// ---- push events (main → screens) --------------------------------------------------

export interface Events {
  /** Something about employees changed (an admin action, or an employee on the LAN). */
  employeesChanged: { reason: string };
  settingsChanged: Record<string, never>;
  /** A notice batch being prepared: hashing and rendering progress. */
  issueProgress: { kind: IssueKind; done: number; total: number };
  demoMailReceived: { id: number };
  bulkMailProgress: {
    jobId: string; total: number; sent: number; failed: number; excluded: number; uncertain: number; pending: number; running: boolean;
    /** mails of the batch reported undelivered so far */
    bounced?: number;
  };
  /** an administrator account was added, changed or removed (or its sessions ended) */
  administratorsChanged: Record<string, never>;
  /** to one screen only: its session ended (logged out elsewhere, the account disabled or removed) */
  sessionEnded: Record<string, never>;
}
export type EventName = keyof Events;
export const EVENT_NAMES = [
  'employeesChanged', 'settingsChanged', 'issueProgress', 'demoMailReceived', 'bulkMailProgress', 'administratorsChanged', 'sessionEnded',
] as const satisfies readonly EventName[];
export interface EventMessage<E extends EventName = EventName> { event: E; payload: Events[E] }

/** The one shape both transports (Electron IPC and the loopback bridge) provide. */
export interface Transport {
  call(method: MethodName, input: unknown): Promise<unknown>;
  subscribe(listener: (message: EventMessage) => void): () => void;
}

/** Channel names for Electron IPC, derived from the contract. */
export const IPC_CALL_CHANNEL = 'focusu:call';
export const IPC_EVENT_CHANNEL = 'focusu:event';
/** Loopback bridge paths. */
export const BRIDGE_CALL_PATH = '/api/call/';
export const BRIDGE_EVENTS_PATH = '/api/events';
export const BRIDGE_TOKEN_HEADER = 'x-focusu-token';
/** Headless mode's PDF delivery: a one-time download of a prepared notice. */
export const PDF_DOWNLOAD_PATH = '/api/download/';
