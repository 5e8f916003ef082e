/**
 * Near-miss inputs for every contract method, derived by hand from its zod schema in
 * preload/schemas.ts: the schema's shape with edge values, now and then one field just past its
 * rule. Typed by MethodName, so a new method cannot be left out.
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import type { MethodName } from '../../preload/contract';
import { CSV_COLUMN, PATTERN1_COLUMNS, PATTERN2_COLUMNS } from '../../preload/csv-layouts';
import { GRID_SORT_KEYS, PAGE_SIZES, PASSCODE_STATUSES, PASSWORD_STATUSES, VERIFICATION_STATUSES } from '../../preload/domain-types';
import {
  Ref, anyId, boolField, pick, emailField, enumField, field, idField, intField, loginIdField, nearMissRecord, slotField, strangerId, subsetField,
  textField, type Field, type RunState,
} from './near-miss';


const empty = fc.oneof({ weight: 4, arbitrary: fc.constantFrom({}, undefined) }, { weight: 1, arbitrary: fc.constantFrom({ x: 1 }, [], null, 'x') });

const employeeFields: Record<string, Field> = {
  loginId: loginIdField(),
  code: field(
    fc.oneof(fc.constant(''), fc.string({ unit: fc.constantFrom(...'0123456789AZaz-'), minLength: 1, maxLength: 20 })),
    fc.constantFrom('０１１', 'A_1', 'x'.repeat(21), '00 11'),
  ),
  honorific: textField(10),
  lastName: textField(30, { required: true }),
  firstName: textField(30),
  department: textField(50),
  email1: emailField({ optional: true }),
  email2: emailField({ optional: true }),
  email3: emailField({ optional: true }),
  recorderEnabled: boolField,
  acceptDuplicateWarnings: field(fc.boolean(), fc.constantFrom('yes', 0)),
};

/** マイページ編集's save: the employee's id, the version the form was loaded at (or one off), and the fields. */
const update = fc.tuple(nearMissRecord(employeeFields), fc.nat(), fc.constantFrom(0, 0, 0, 0, 1, -1), fc.integer({ min: 0, max: 9 }))
  .map(([fields, i, off, which]) => new Ref((s: RunState) => {
    const id = which === 0 ? pick(s.deletedIds, i, 999_999) : pick(s.ids, i, 1);
    return { ...fields, id, version: s.versionOf(id) + off };
  }));

const gridQuery: Record<string, Field> = {
  page: intField(1, 1_000_000),
  pageSize: field(fc.constantFrom(...PAGE_SIZES), fc.constantFrom(0, 10, 1001, '100')),
  sort: enumField(GRID_SORT_KEYS),
  direction: enumField(['asc', 'desc'] as const),
  text: textField(100),
  password: subsetField(PASSWORD_STATUSES),
  passcode: subsetField(PASSCODE_STATUSES),
  verification: subsetField(VERIFICATION_STATUSES),
};
const filters = nearMissRecord({ text: gridQuery.text!, password: gridQuery.password!, passcode: gridQuery.passcode!, verification: gridQuery.verification! });

/** A CSV file as an administrator would upload it: the layout's header and a few rows of edge values, in UTF-8 (BOM or not) or Shift_JIS. */
const csvFile = fc.tuple(
  fc.constantFrom('pattern1', 'pattern2'),
  fc.array(fc.tuple(loginIdField().valid, textField(30, { required: true }).valid, emailField({ optional: true }).valid, fc.nat(), fc.boolean()), { minLength: 1, maxLength: 3 }),
  fc.constantFrom('utf8', 'utf8bom', 'sjis'),
  fc.boolean(),
).map(([pattern, rows, encoding, headerOk]) => new Ref((s: RunState) => {
  const columns = pattern === 'pattern1' ? PATTERN1_COLUMNS : PATTERN2_COLUMNS;
  const lines = rows.map(([loginId, name, email, i, existing]) => {
    const cell: Record<string, unknown> = {
      [CSV_COLUMN.code]: existing ? '' : `="${String(1000 + i)}"`,
      [CSV_COLUMN.lastName]: name, [CSV_COLUMN.firstName]: '', [CSV_COLUMN.honorific]: '', [CSV_COLUMN.department]: '本社',
      [CSV_COLUMN.loginId]: existing ? pick(s.loginIds, i, 'admin') : loginId, [CSV_COLUMN.recorder]: i % 2 ? '有効' : '無効',
      [CSV_COLUMN.email1]: email, [CSV_COLUMN.email2]: '', [CSV_COLUMN.email3]: '',
    };
    return columns.map((c) => `"${String(materializeCell(cell[c], s)).replace(/"/g, '""')}"`).join(',');
  });
  const text = [(headerOk ? columns : columns.slice(1)).join(','), ...lines].join('\r\n');
  const bytes = encoding === 'sjis' ? iconv.encode(text, 'Shift_JIS') : Buffer.from((encoding === 'utf8bom' ? '\uFEFF' : '') + text, 'utf8');
  return bytes.toString('base64');
}));
const materializeCell = (v: unknown, s: RunState): unknown => (v instanceof Ref ? materializeCell((v as Ref).resolve(s), s) : v ?? '');

const issueId = (include: 'prepared' | 'settled' | 'both') => fc.oneof(
  ...(include !== 'settled' ? [{ weight: 3, arbitrary: fc.nat().map((i) => new Ref((s) => pick(s.preparedIssueIds, i, 'x'.repeat(43)))) }] : []),
  ...(include !== 'prepared' ? [{ weight: 3, arbitrary: fc.nat().map((i) => new Ref((s) => pick(s.settledIssueIds, i, 'y'.repeat(43)))) }] : []),
  { weight: 1, arbitrary: strangerId(43) },
);
const issueIdInput = (include: 'prepared' | 'settled' | 'both') => nearMissRecord({ issueId: field(issueId(include), fc.constantFrom('short', 'x'.repeat(44), '../../etc', 1)) });

const jobId = field(fc.oneof(fc.nat().map((i) => new Ref((s) => pick(s.jobIds, i, 'j'.repeat(22)))), strangerId(22)), fc.constantFrom('j'.repeat(21), 'j'.repeat(23), '', 5));
const ids = (max: number) => field(fc.array(anyId, { minLength: 1, maxLength: max }), fc.constantFrom([], [0], 'all', [1.5]));

const auditFilter: Record<string, Field> = {
  from: field(fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 2 ** 42 })), fc.constantFrom(-1, '2026-01-01', 0.5)),
  to: field(fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 2 ** 42 })), fc.constantFrom(-1, 'now')),
  action: field(fc.oneof(fc.constant(null), fc.constantFrom('', 'employees.create', 'issuance.preparePdf', 'auth.login')), textField(50).invalid),
  employee: field(fc.oneof(fc.constant(null), fc.constant(''), loginIdField().valid), textField(64).invalid),
};

const smtpFields: Record<string, Field> = {
  host: field(fc.constantFrom('', '127.0.0.1', 'localhost', 'smtp.example.co.jp', '[::1]'), fc.constantFrom('smtp example', 'smtp.example.co.jp\r\n', 'ホスト')),
  port: intField(1, 65535),
  security: enumField(['none', 'starttls', 'tls'] as const),
  user: textField(254),
  password: field(fc.oneof(fc.constant(null), fc.constant(''), fc.string({ maxLength: 40 }).map((p) => p.replace(/[\r\n]/g, ''))), fc.constantFrom('a\r\nb', 'x'.repeat(257), 3)),
  fromAddress: emailField({ optional: true }),
  fromName: textField(100),
  ratePerMinute: intField(0, 10_000),
};

const pemLike = fc.constantFrom('-----BEGIN CERTIFICATE-----\nMIIBkTCB+wIJAL\n-----END CERTIFICATE-----\n', 'not a pem', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');

/** Near-miss inputs of every method. `cert`: a real self-signed pair, so the certificate's success path is reached too. */
export function contractInputs(cert: { certPem: string; keyPem: string }): Record<MethodName, fc.Arbitrary<unknown>> {
  return {
    'app.getInfo': empty,
    'app.getAutoStart': empty,
    'app.setAutoStart': nearMissRecord({ enabled: boolField }),
    'auth.getState': empty,
    'auth.setup': nearMissRecord({ companyName: textField(100, { required: true }), adminLastName: textField(30, { required: true }), loginId: loginIdField(), password: field(fc.string({ minLength: 8, maxLength: 128 }), fc.string({ maxLength: 7 })) }),
    'auth.login': nearMissRecord({
      loginId: field(fc.constantFrom('admin', 'ADMIN', 'tanaka', 'nobody'), fc.constant('x'.repeat(257))),
      password: field(fc.constantFrom('long enough 1', 'wrong password', ''), fc.constant('x'.repeat(1025))),
    }),
    'auth.logout': empty,
    'auth.changePassword': nearMissRecord({
      currentPassword: field(fc.constantFrom('long enough 1', 'wrong password', ''), fc.constant('x'.repeat(1025))),
      newPassword: field(fc.string({ minLength: 8, maxLength: 128 }), fc.string({ maxLength: 7 })),
    }),
    'administrators.list': empty,
    'administrators.create': nearMissRecord({
      loginId: loginIdField(), name: textField(30, { required: true }), delivery: enumField(['screen', 'pdf'] as const),
    }),
    'administrators.disable': nearMissRecord({ id: idField, version: intField(0, 3) }),
    'administrators.enable': nearMissRecord({ id: idField, version: intField(0, 3) }),
    'administrators.delete': nearMissRecord({ id: idField, version: intField(0, 3) }),
    'administrators.resetPassword': nearMissRecord({ id: idField, version: intField(0, 3), delivery: enumField(['screen', 'pdf'] as const) }),
    'settings.get': empty,
    'settings.updateAccount': nearMissRecord({ notifyMethod: enumField(['pdf', 'mail'] as const), verificationDays: intField(1, 14), requirePasswordChange: boolField }),
    'settings.updateCompany': nearMissRecord({ companyName: textField(100, { required: true }) }),
    'settings.updatePortal': nearMissRecord({
      listenHost: field(fc.constantFrom('0.0.0.0', '127.0.0.1', '::', '::1', '192.168.10.5'), fc.constantFrom('256.0.0.1', 'localhost', '192.168.10', '')),
      port: intField(1, 65535),
      baseUrl: field(fc.constantFrom('', 'http://timecard.local:8080/', 'https://192.168.10.5/focus', `http://x.jp/${'a'.repeat(270)}`), fc.constantFrom('ftp://x.jp', 'javascript:alert(1)', 'x.jp', `http://x.jp/${'a'.repeat(300)}`)),
    }),
    'settings.setPortalCertificate': fc.oneof(
      { weight: 2, arbitrary: fc.constant({ kind: 'pem', ...cert }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('pem'), certPem: fc.oneof(pemLike, fc.constant(cert.certPem)), keyPem: fc.oneof(pemLike, fc.constant(cert.keyPem)) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('pfx'), pfxBase64: fc.base64String({ minLength: 4, maxLength: 64 }), passphrase: fc.string({ maxLength: 10 }) }) },
      { weight: 1, arbitrary: fc.constantFrom({ kind: 'pem', certPem: '', keyPem: '' }, { kind: 'der' }, { kind: 'pfx', pfxBase64: '%%%', passphrase: '' }) },
    ),
    'settings.removePortalCertificate': empty,

    'employees.list': nearMissRecord(gridQuery),
    'employees.get': nearMissRecord({ id: idField }),
    'employees.create': nearMissRecord(employeeFields),
    'employees.update': update,
    'employees.delete': nearMissRecord({ ids: ids(3) }),
    'employees.unlock': nearMissRecord({ id: idField }),
    'employees.unlockAll': empty,

    'smtp.get': empty,
    'smtp.update': nearMissRecord(smtpFields),
    'smtp.test': nearMissRecord({ to: emailField() }),
    // loopback only: a saved mailbox is watched at once, and a test never reaches out
    'bounce.get': empty,
    'bounce.update': nearMissRecord({
      enabled: boolField,
      host: field(fc.constantFrom('', '127.0.0.1', 'localhost', '[::1]'), fc.constantFrom('imap example', '127.0.0.1\r\n', 'ホスト')),
      port: intField(1, 65535),
      security: enumField(['none', 'starttls', 'tls'] as const),
      authMethod: enumField(['password', 'oauth'] as const),
      user: emailField({ optional: true }),
      password: field(fc.constantFrom(null, '', 'imap-secret-1'), fc.constantFrom('a\nb', 1, 'x'.repeat(257))),
      folder: field(fc.constantFrom('INBOX', 'INBOX/送信エラー', 'Bounces'), fc.constantFrom('', 'a\r\nb', 'x'.repeat(201))),
      moveTo: field(fc.constantFrom('', 'Bounces'), fc.constantFrom('a\tb', 'x'.repeat(201))),
    }),
    'bounce.test': empty,

    'mailIssue.get': nearMissRecord({ id: idField }),
    'mailIssue.sendVerification': nearMissRecord({ id: idField, slot: slotField }),
    'mailIssue.sendAccountMail': nearMissRecord({ id: idField, slot: slotField }),
    'mailIssue.cancel': nearMissRecord({ id: idField }),

    'bulkMail.preview': nearMissRecord({ ids: ids(5) }),
    'bulkMail.estimate': nearMissRecord({ count: intField(0, 100_000) }),
    'bulkMail.start': nearMissRecord({
      items: field(fc.array(fc.record({ id: anyId, slot: fc.constantFrom(1, 2, 3) }), { minLength: 1, maxLength: 4 }), fc.constantFrom([], [{ id: 1 }], [{ id: 1, slot: 4 }])),
    }),
    'bulkMail.status': nearMissRecord({ jobId }),
    'bulkMail.latest': empty,
    'bulkMail.resume': nearMissRecord({ jobId }),
    'employees.setFirstAddress': nearMissRecord({ id: idField, email1: emailField(), acceptDuplicateWarnings: boolField }),

    'csv.export': nearMissRecord({ encoding: enumField(['sjis', 'utf8'] as const), filters: field(filters, fc.constantFrom(null, { text: 5 })) }),
    'csv.previewImport': nearMissRecord({
      pattern: enumField(['pattern1', 'pattern2'] as const),
      encoding: enumField(['auto', 'sjis', 'utf8'] as const),
      contentBase64: field(fc.oneof({ weight: 4, arbitrary: csvFile }, { weight: 1, arbitrary: fc.base64String({ maxLength: 200 }) }), fc.constantFrom('not base64!', '====')),
    }),
    'csv.commitImport': nearMissRecord({
      previewId: field(fc.oneof(fc.nat().map((i) => new Ref((s) => pick(s.previewIds, i, 'p'.repeat(32)))), strangerId(32)), fc.constantFrom('p'.repeat(31), '')),
    }),

    'audit.list': nearMissRecord({ ...auditFilter, page: intField(1, 1_000_000), pageSize: field(fc.constantFrom(50, 100, 500), fc.constantFrom(20, 1000)) }),
    'audit.export': nearMissRecord({ ...auditFilter, encoding: enumField(['sjis', 'utf8'] as const) }),

    'backup.list': empty,
    'backup.create': empty,
    'backup.restore': nearMissRecord({
      fileName: field(
        fc.oneof(fc.nat().map((i) => new Ref((s) => pick(s.backups, i, 'focus-u-20260101-000000.sqlite'))), fc.constantFrom('focus-u-20991231-235959.sqlite', 'focus-u-20260101-000000-2.sqlite')),
        fc.constantFrom('../focus-u.sqlite', 'focus-u-2026-01-01.sqlite', 'focus-u-20260101-000000.sqlite/..', ''),
      ),
    }),

    'demo.listMail': empty,

    'issuance.preparePdf': fc.oneof(
      nearMissRecord({ kind: enumField(['password', 'passcode'] as const), mode: field(fc.constant('individual'), fc.constant('single')), ids: field(fc.tuple(anyId), fc.constantFrom([], [1, 2])) }),
      nearMissRecord({ kind: enumField(['password', 'passcode'] as const), mode: field(fc.constant('bulk'), fc.constant('all')), ids: ids(3) }),
      fc.oneof({ weight: 3, arbitrary: fc.constant({ kind: 'passcode', mode: 'allUnissued' }) }, { weight: 1, arbitrary: fc.constant({ kind: 'password', mode: 'allUnissued' }) }),
    ),
    // never a notice still waiting for its download: that call would wait the download's full minute
    'issuance.awaitDownload': issueIdInput('settled'),
    'issuance.saveToFile': issueIdInput('both'),
    'issuance.print': issueIdInput('both'),
    'issuance.discard': issueIdInput('both'),
  };
}
