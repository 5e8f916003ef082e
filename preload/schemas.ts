/**
 * zod schemas for every input that crosses a boundary (IPC, the loopback bridge, the LAN).
 * Messages are Japanese and name the field, so a rejected input can be shown as it is.
 */
import { z } from 'zod';
import { ja } from './i18n/ja';
import {
  GRID_SORT_KEYS, NOTIFY_METHODS, PAGE_SIZES, PASSCODE_STATUSES, PASSWORD_STATUSES,
  VERIFICATION_DAYS, VERIFICATION_STATUSES,
} from './domain-types';

const v = ja.validation;
const f = ja.employeeForm;

/** Control characters (line breaks, tabs, NUL …) would allow header injection in mails. */
const CONTROL_CHARS = /[\p{Cc}\u2028\u2029]/u;

/**
 * One plain mail address: the one rule for every field that takes one. Built once, not per address: a
 * schema is an object graph, and a CSV preview checks thousands of addresses.
 */
const anAddress = z.email();

/**
 * Characters as a person counts them (code points: 𠮷 is one), without building an array of them:
 * UTF-16 units less one per surrogate pair. A CSV preview counts every cell of thousands of rows.
 */
const characters = (s: string): number => s.length - (s.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);

/** Trimmed single-line text, optional (empty string allowed). */
export const singleLine = (field: string, max: number) =>
  z
    .string({ error: v.required(field) })
    .max(max * 4, v.tooLong(field, max)) // cheap guard before trimming huge inputs
    .transform((s) => s.trim())
    .refine((s) => !CONTROL_CHARS.test(s), v.noLineBreaks(field))
    .refine((s) => characters(s) <= max, v.tooLong(field, max));

const requiredLine = (field: string, max: number) =>
  singleLine(field, max).refine((s) => s.length > 0, v.required(field));

export const loginIdSchema = z
  .string({ error: v.required(f.loginId) })
  .max(256, v.loginIdFormat)
  .transform((s) => s.trim())
  .refine((s) => s.length > 0, v.required(f.loginId))
  .refine((s) => /^[A-Za-z0-9._@-]{3,64}$/.test(s), v.loginIdFormat);

/** A password typed by a person: kept exactly as typed (no trimming), 8–128 characters. */
export const newPasswordSchema = z
  .string({ error: v.required(ja.login.password) })
  .refine((s) => characters(s) >= 8 && characters(s) <= 128, v.passwordLength);

/** An empty cell means "no address"; anything else must be one plain address. */
const emailSlot = (n: number) =>
  singleLine(f.email(n), 254)
    .refine((s) => s === '' || anAddress.safeParse(s).success, v.email(f.email(n)))
    .transform((s) => (s === '' ? null : s));

export const employeeFieldsSchema = z.object({
  loginId: loginIdSchema,
  code: singleLine(f.code, 20).refine((s) => /^[A-Za-z0-9-]*$/.test(s), v.codeFormat),
  honorific: singleLine(f.honorific, 10),
  lastName: requiredLine(f.lastName, 30),
  firstName: singleLine(f.firstName, 30),
  department: singleLine(f.department, 50),
  email1: emailSlot(1),
  email2: emailSlot(2),
  email3: emailSlot(3),
  recorderEnabled: z.boolean(),
});
export type EmployeeFieldsInput = z.input<typeof employeeFieldsSchema>;
export type EmployeeFields = z.output<typeof employeeFieldsSchema>;

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const createEmployeeSchema = employeeFieldsSchema.extend({
  /** 「OK」 on the duplicate-address warning: save although an address repeats. */
  acceptDuplicateWarnings: z.boolean().default(false),
});
/** `version`: the row version the form was loaded at; a save over someone else's change is refused. */
export const updateEmployeeSchema = createEmployeeSchema.extend({ id, version: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });
export const employeeIdSchema = z.object({ id });
export const deleteEmployeesSchema = z.object({ ids: z.array(id).min(1).max(100_000) });

export const gridQuerySchema = z.object({
  page: z.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.union(PAGE_SIZES.map((n) => z.literal(n))).default(100),
  sort: z.enum(GRID_SORT_KEYS).default('code'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  text: singleLine(ja.search.keywordLabel, 100).default(''),
  password: z.array(z.enum(PASSWORD_STATUSES)).max(PASSWORD_STATUSES.length).default([]),
  passcode: z.array(z.enum(PASSCODE_STATUSES)).max(PASSCODE_STATUSES.length).default([]),
  verification: z.array(z.enum(VERIFICATION_STATUSES)).max(VERIFICATION_STATUSES.length).default([]),
  /** 「送信エラー」: only employees whose latest mail came back undelivered */
  mailError: z.boolean().optional(),
});
export type GridQueryInput = z.input<typeof gridQuerySchema>;
export type GridQuery = z.output<typeof gridQuerySchema>;

export const setupSchema = z.object({
  companyName: requiredLine(ja.setup.companyName, 100),
  adminLastName: requiredLine(ja.setup.adminLastName, 30),
  loginId: loginIdSchema,
  password: newPasswordSchema,
});

export const loginSchema = z.object({
  loginId: z.string().max(256),
  password: z.string().max(1024),
});

export const accountSettingsSchema = z.object({
  notifyMethod: z.enum(NOTIFY_METHODS),
  verificationDays: z
    .number({ error: v.verificationDays })
    .int(v.verificationDays)
    .min(VERIFICATION_DAYS.min, v.verificationDays)
    .max(VERIFICATION_DAYS.max, v.verificationDays),
  requirePasswordChange: z.boolean(),
});

export const companySettingsSchema = z.object({
  companyName: requiredLine(ja.settings.companyName, 100),
});

export const portalSettingsSchema = z.object({
  listenHost: z.union([z.ipv4(), z.ipv6()], { error: v.host }),
  port: z.number({ error: v.port }).int(v.port).min(1, v.port).max(65535, v.port),
  baseUrl: singleLine(ja.settings.portalBaseUrl, 300).refine(
    (s) => s === '' || (z.url().safeParse(s).success && /^https?:\/\//i.test(s)),
    v.baseUrl,
  ),
});

export const emptySchema = z.object({}).strict().optional();

/** 「パソコンの起動時に自動で開始する（ウィンドウは開かない）」 */
export const autoStartSchema = z.object({ enabled: z.boolean() }).strict();

/** What to print: one employee or a selection, or (passcodes) every 未発行 employee. */
export const preparePdfSchema = z.discriminatedUnion('mode', [
  z.object({ kind: z.enum(['password', 'passcode']), mode: z.literal('individual'), ids: z.array(id).length(1) }),
  z.object({ kind: z.enum(['password', 'passcode']), mode: z.literal('bulk'), ids: z.array(id).min(1).max(100_000) }),
  z.object({ kind: z.literal('passcode'), mode: z.literal('allUnissued') }),
]);

/** A prepared notice's id: 32 random bytes, base64url. */
export const issueIdSchema = z.object({ issueId: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

/** A certificate for the LAN pages: a PEM pair (text) or a PFX file (base64) with its passphrase. */
export const portalCertificateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pem'), certPem: z.string().min(1, ja.tls.badPem).max(100_000), keyPem: z.string().min(1, ja.tls.badPem).max(100_000) }),
  z.object({ kind: z.literal('pfx'), pfxBase64: z.string().min(1, ja.tls.badPfx).max(200_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, ja.tls.badPfx), passphrase: z.string().max(1024) }),
]);

export const SMTP_AUTH_METHODS = ['password', 'microsoft365', 'google'] as const;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** a tenant's primary domain, e.g. example.onmicrosoft.com or example.co.jp */
const TENANT_DOMAIN = /^(?=.{4,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
const isCalendarDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};

/**
 * 認証方式 and OAuth 2.0's settings, saved with the rest of 基本設定 › メール送信. Each field may be
 * left out (kept as stored); the secrets are null to keep the stored one. Whether what the chosen
 * method needs is there (a stored secret counts) is checked by the service.
 */
const smtpOAuthFields = {
  authMethod: z.enum(SMTP_AUTH_METHODS).optional(),
  oauthUser: singleLine(ja.oauth.user, 254).refine((s) => s === '' || anAddress.safeParse(s).success, v.email(ja.oauth.user)).optional(),
  tenantId: singleLine(ja.oauth.tenantId, 253).refine((s) => s === '' || GUID.test(s) || TENANT_DOMAIN.test(s), ja.oauth.tenantFormat).optional(),
  clientId: singleLine(ja.oauth.clientId, 36).refine((s) => s === '' || GUID.test(s), ja.oauth.clientIdFormat).optional(),
  msCredential: z.enum(['secret', 'certificate']).optional(),
  /** null (or nothing typed) keeps the stored client secret; a new value replaces it */
  clientSecret: z.string().max(1024, v.tooLong(ja.oauth.clientSecret, 1024)).refine((s) => !CONTROL_CHARS.test(s), v.noLineBreaks(ja.oauth.clientSecret))
    .transform((s) => s.trim()).nullable().optional(),
  secretExpiresOn: z.string().max(10, ja.oauth.secretExpiresFormat).refine((s) => s === '' || isCalendarDate(s), ja.oauth.secretExpiresFormat).optional(),
  /** null keeps the stored certificate; accepted as the portal's certificate is (PEM pair or PFX) */
  certificate: portalCertificateSchema.nullable().optional(),
  /** the service account's key file as downloaded (JSON); null keeps the stored one */
  serviceAccountKey: z.string().max(20_000, ja.oauth.badKeyJson).nullable().optional(),
};

export const SMTP_SECURITIES = ['none', 'starttls', 'tls'] as const;

export const smtpSettingsSchema = z.object({
  host: singleLine(ja.smtp.host, 253).refine((s) => s === '' || /^[A-Za-z0-9.-]+$|^\[?[0-9A-Fa-f:.]+\]?$/.test(s), ja.smtp.hostFormat),
  port: z.number({ error: v.port }).int(v.port).min(1, v.port).max(65535, v.port),
  security: z.enum(SMTP_SECURITIES),
  user: singleLine(ja.smtp.user, 254),
  /** null keeps the stored password; '' removes it */
  password: z.string().max(256, v.tooLong(ja.smtp.password, 256)).refine((s) => !/[\r\n]/.test(s), v.noLineBreaks(ja.smtp.password)).nullable(),
  fromAddress: singleLine(ja.smtp.fromAddress, 254).refine((s) => s === '' || anAddress.safeParse(s).success, v.email(ja.smtp.fromAddress)),
  fromName: singleLine(ja.smtp.fromName, 100),
  ratePerMinute: z.number({ error: ja.smtp.rateFormat }).int(ja.smtp.rateFormat).min(0, ja.smtp.rateFormat).max(10_000, ja.smtp.rateFormat),
  ...smtpOAuthFields,
});

/** 基本設定 › メール送信 › 送信エラーの確認: the mailbox (IMAP) where delivery reports arrive. */
export const bounceSettingsSchema = z.object({
  enabled: z.boolean(),
  host: singleLine(ja.bounce.host, 253).refine((s) => s === '' || /^[A-Za-z0-9.-]+$|^\[?[0-9A-Fa-f:.]+\]?$/.test(s), ja.bounce.hostFormat),
  port: z.number({ error: v.port }).int(v.port).min(1, v.port).max(65535, v.port),
  security: z.enum(SMTP_SECURITIES),
  /** 'oauth': the OAuth 2.0 application of the sending settings */
  authMethod: z.enum(['password', 'oauth']),
  user: singleLine(ja.bounce.user, 254),
  /** null keeps the stored password; '' removes it */
  password: z.string().max(256, v.tooLong(ja.bounce.password, 256)).refine((s) => !/[\r\n]/.test(s), v.noLineBreaks(ja.bounce.password)).nullable(),
  folder: requiredLine(ja.bounce.folder, 200),
  /** '' : reports of ours are flagged as read; else moved to this folder */
  moveTo: singleLine(ja.bounce.moveTo, 200),
});

export const smtpTestSchema = z.object({
  to: singleLine(ja.smtp.testTo, 254).refine((s) => anAddress.safeParse(s).success, v.email(ja.smtp.testTo)),
});



const slot = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const bulkMailPreviewSchema = z.object({ ids: z.array(id).min(1).max(100_000) });
export const bulkMailEstimateSchema = z.object({ count: z.number().int().min(0).max(100_000) });
export const bulkMailStartSchema = z.object({ items: z.array(z.object({ id, slot })).min(1).max(100_000) });
export const bulkMailJobSchema = z.object({ jobId: z.string().regex(/^[A-Za-z0-9_-]{22}$/) });
export const setFirstAddressSchema = z.object({
  id,
  email1: singleLine(f.email(1), 254).refine((s) => anAddress.safeParse(s).success, v.email(f.email(1))),
  acceptDuplicateWarnings: z.boolean().default(false),
});
export const sendVerificationSchema = z.object({ id, slot });

export const csvExportSchema = z.object({
  encoding: z.enum(['sjis', 'utf8']),
  filters: gridQuerySchema.pick({ text: true, password: true, passcode: true, verification: true, mailError: true }),
});
export const csvImportSchema = z.object({
  pattern: z.enum(['pattern1', 'pattern2']),
  encoding: z.enum(['auto', 'sjis', 'utf8']).default('auto'),
  /** the file's bytes, base64; 10,000 rows are about 1.5 MB */
  contentBase64: z.string().max(12_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, ja.csv.unreadable),
});
export const csvCommitSchema = z.object({ previewId: z.string().regex(/^[A-Za-z0-9_-]{32}$/) });

const auditFilter = z.object({
  /** epoch ms, inclusive / exclusive */
  from: z.number().int().min(0).nullable().default(null),
  to: z.number().int().min(0).nullable().default(null),
  action: singleLine(ja.audit.columns.action, 50).transform((x) => (x === '' ? null : x)).nullable().default(null),
  employee: singleLine(ja.audit.columns.targets, 64).transform((x) => (x === '' ? null : x)).nullable().default(null),
});
export const auditListSchema = auditFilter.extend({
  page: z.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.union([z.literal(50), z.literal(100), z.literal(500)]).default(100),
});
export const auditExportSchema = auditFilter.extend({ encoding: z.enum(['sjis', 'utf8']) });

export const backupRestoreSchema = z.object({ fileName: z.string().regex(/^focus-u-\d{8}-\d{6}(-\d+)?\.sqlite$/) });

/** A ユーザー管理者's forced password change (the initial password, then a new one of their own). */
export const changePasswordSchema = z.object({
  currentPassword: z.string().max(1024),
  newPassword: newPasswordSchema,
});

/** 基本設定 › 管理者アカウント (the 法人管理者 only) */
const administratorDelivery = z.enum(['screen', 'pdf']);
export const createAdministratorSchema = z.object({
  loginId: loginIdSchema,
  name: requiredLine(ja.administrators.name, 30),
  delivery: administratorDelivery,
});
/** one administrator as the screen read it: a change names the version, and is refused when another was first */
export const administratorRefSchema = z.object({ id, version: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });
export const resetAdministratorSchema = administratorRefSchema.extend({ delivery: administratorDelivery });
