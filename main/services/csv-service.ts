/**
 * ファイル入出力 (SPEC §11): the employee list as CSV in Shift_JIS or UTF-8, and uploads in
 * 汎用パターン1/2 with a preview first — per-row errors and duplicate-address warnings —
 * then one transaction: every row or none.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import type { CsvExportResult, ImportPreview, ImportPreviewRow, ImportResult } from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import { employeeFieldsSchema, type EmployeeFields, type GridQuery } from '../../preload/schemas';
import type { EmployeeDbRow } from '../../db/queries/employee-columns';
import {
  findAddressHolders, insertEmployee, selectByCodes, selectByLoginIds, selectEmployee, updateEmployeeFields,
} from '../../db/queries/employees';
import { selectGridAll } from '../../db/queries/employee-grid';
import { revokeLinksNotTo } from '../../db/queries/verification-links';
import { neutralise, protectCode, unneutralise, unprotectCode } from './csv/cells';
import { decodeCsv, encodeCsv, unencodableInSjis, type CsvEncoding } from './csv/encoding';
import {
  columnsOf, CSV_COLUMN as C, PATTERN1_COLUMNS, RECORDER_VALUES, recorderValue, type CsvPattern,
} from '../../preload/csv-layouts';
import { addressKey, repeatedWithin } from './domain/addresses';
import { AppError } from './support/errors';
import { storageFault } from './support/storage-faults';
import type { Clock } from './support/clock';
import type { EventBus } from './support/event-bus';
import type { Logger } from './support/logger';
import { formatDateTime } from '../../preload/i18n/format-date-time';
import { inPieces, yieldToTheLoop } from './support/yield-to-the-loop';

const c = ja.csv;
const PREVIEW_TTL_MS = 30 * 60_000;
/** Rows of a file planned between two turns of the loop (a row: an indexed read and a validation). */
const ROWS_PER_PIECE = 100;

export interface CsvServiceDeps {
  db: Database; clock: Clock; events: EventBus; logger: Logger;
  /** the data folder: lets an SQLite I/O error on a full disk be named as one */
  dataDir?: string;
}

interface PlannedRow {
  line: number; action: 'create' | 'update' | 'unchanged'; id: number | null; fields: EmployeeFields;
  /** the matched employee's row version at preview: the commit is refused if anyone changed it since */
  version: number | null;
  /** what the file says, shown in the preview even when the row does not validate */
  shown: { loginId: string; name: string };
}

export class CsvService {
  private readonly previews = new Map<string, { rows: PlannedRow[]; expires: number }>();

  constructor(private readonly deps: CsvServiceDeps) {}

  /** 「社員情報の一括ダウンロード」: refuses Shift_JIS when a name would be damaged, naming the rows. */
  export(filters: Pick<GridQuery, 'text' | 'password' | 'passcode' | 'verification'>, encoding: CsvEncoding): CsvExportResult {
    const { db, clock } = this.deps;
    const rows = selectGridAll(db, filters, clock.now());
    const records = rows.map(exportRecord);
    if (encoding === 'sjis') {
      const problems = records.flatMap((r, i) => {
        const bad = unencodableInSjis(r.join(''));
        return bad.length ? [{ line: i + 2, loginId: rows[i]!.login_id, characters: bad }] : [];
      });
      if (problems.length > 0) return { status: 'unencodable', problems };
    }
    const text = stringify([[...PATTERN1_COLUMNS], ...records], { record_delimiter: 'windows' });
    const stamp = formatDateTime(clock.now()).replace(/[/: ]/g, '');
    this.deps.logger.info('csv export', { rows: rows.length, encoding });
    return {
      status: 'ready', fileName: `employees-${stamp}${encoding === 'sjis' ? '-sjis' : '-utf8'}.csv`,
      contentBase64: encodeCsv(text, encoding).toString('base64'), rows: rows.length,
    };
  }

  /**
   * 「社員情報の一括アップロード」, step one: what would happen; nothing is saved. The work goes a piece
   * of the file at a time, the loop turning between pieces, and looks up only the employees the file
   * names (by index): at 50,000 employees a 1,000-row file takes well under a second and the LAN
   * pages keep answering meanwhile.
   */
  async previewImport(pattern: CsvPattern, forced: CsvEncoding | 'auto', bytes: Buffer): Promise<ImportPreview> {
    const decoded = decodeCsv(bytes, forced);
    if (!decoded.ok) throw new AppError('VALIDATION', decoded.reason === 'empty' ? c.empty : c.binary);
    const table = await parseTable(decoded.text);
    const columns = columnsOf(pattern);
    checkHeader(table[0] ?? [], columns, pattern);
    const body = table.slice(1);
    const cellOf = (cells: string[], name: string) => {
      const raw = unneutralise(cells[columns.indexOf(name)] ?? '');
      return name === C.code ? unprotectCode(raw) : raw;
    };
    // the employees the file can mean: its 社員コード, and its ログインID (pattern 2: a new row's is its 社員コード)
    const { byCode, byLogin } = await identitiesNamed(this.deps.db,
      body.map((cells) => cellOf(cells, C.code).trim()),
      body.map((cells) => (pattern === 'pattern1' ? cellOf(cells, C.loginId) : cellOf(cells, C.code)).trim()));

    const planned: (PlannedRow & { errors: string[] })[] = [];
    for (const [i, cells] of body.entries()) {
      if (i > 0 && i % ROWS_PER_PIECE === 0) await yieldToTheLoop();
      planned.push(this.planRow(pattern, columns, cells, i + 2, byCode, byLogin));
    }

    this.checkUniqueness(planned, byCode, byLogin);
    const warnings = await this.duplicateAddressWarnings(planned);
    const rows: ImportPreviewRow[] = planned.map((p) => ({
      line: p.line, action: p.action, loginId: p.shown.loginId, name: p.shown.name,
      errors: p.errors, warnings: warnings.byLine.get(p.line) ?? [],
    }));
    const hasErrors = planned.some((p) => p.errors.length > 0);
    const previewId = randomBytes(24).toString('base64url');
    if (!hasErrors) this.previews.set(previewId, { rows: planned, expires: this.deps.clock.now() + PREVIEW_TTL_MS });
    const count = (a: PlannedRow['action']) => planned.filter((p) => p.errors.length === 0 && p.action === a).length;
    return {
      previewId: hasErrors ? null : previewId, encoding: decoded.encoding, rows,
      counts: { create: count('create'), update: count('update'), unchanged: count('unchanged'), errors: planned.filter((p) => p.errors.length).length },
      warnings: warnings.all,
    };
  }

  /** One line of the file: what it would do to whom, or why it cannot. */
  private planRow(
    pattern: CsvPattern, columns: readonly string[], cells: string[], line: number, byCode: Map<string, number>, byLogin: Map<string, number>,
  ): PlannedRow & { errors: string[] } {
    const cell = (name: string) => {
      const raw = unneutralise(cells[columns.indexOf(name)] ?? '');
      return name === C.code ? unprotectCode(raw) : raw;
    };
    const code = cell(C.code).trim();
    const loginIdCell = pattern === 'pattern1' ? cell(C.loginId).trim() : '';
    const shown = { loginId: (loginIdCell || code).slice(0, 64), name: `${cell(C.lastName)} ${cell(C.firstName)}`.trim().slice(0, 60) };
    if (cells.length > columns.length) {
      return { line, action: 'unchanged' as const, id: null, version: null, fields: emptyFields, shown, errors: [c.tooManyColumns(line, columns.length)] };
    }
    const id = (code && byCode.get(code)) || (loginIdCell && byLogin.get(loginIdCell.toLowerCase())) || null;
    const current = id === null ? undefined : selectEmployee(this.deps.db, id, this.deps.clock.now());
    const errors: string[] = [];
    const recorderCell = pattern === 'pattern1' ? cell(C.recorder).trim() : '';
    let recorderEnabled = current ? current.recorder_enabled === 1 : true;
    if (recorderCell !== '') {
      if (recorderCell in RECORDER_VALUES) recorderEnabled = RECORDER_VALUES[recorderCell]!;
      else errors.push(c.cellError(line, C.recorder, c.recorderValue));
    }
    const parsed = employeeFieldsSchema.safeParse({
      loginId: pattern === 'pattern1' ? loginIdCell : current?.login_id ?? code,
      code, lastName: cell(C.lastName), firstName: cell(C.firstName),
      honorific: pattern === 'pattern1' ? cell(C.honorific) : current?.honorific ?? '',
      department: cell(C.department), email1: cell(C.email1), email2: cell(C.email2), email3: cell(C.email3),
      recorderEnabled,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push(c.cellError(line, columnLabel(String(issue.path[0]), pattern), issue.message));
      return { line, action: 'unchanged' as const, id, version: null, fields: emptyFields, shown, errors };
    }
    const action = id === null ? 'create' as const : sameFields(current!, parsed.data) ? 'unchanged' as const : 'update' as const;
    return { line, action, id, version: current?.version ?? null, fields: parsed.data, shown: { ...shown, loginId: parsed.data.loginId }, errors };
  }

  /** Step two: every row in one transaction, or none. */
  commitImport(previewId: string): ImportResult {
    const { db, clock } = this.deps;
    const preview = this.previews.get(previewId);
    this.previews.delete(previewId);
    if (!preview || preview.expires < clock.now()) throw new AppError('NOT_FOUND', c.previewExpired);
    const now = clock.now();
    try {
      db.transaction(() => {
        for (const row of preview.rows) {
          if (row.action === 'create') insertEmployee(db, row.fields, now);
          if (row.action === 'update' && row.id !== null) {
            if (!updateEmployeeFields(db, row.id, row.fields, row.version ?? -1, now)) throw new AppError('CONFLICT', c.conflict);
            revokeLinksNotTo(db, row.id, [row.fields.email1, row.fields.email2, row.fields.email3].filter((a): a is string => a !== null), now);
          }
        }
      }).immediate();
    } catch (e) {
      this.deps.logger.warn('csv import rolled back', { error: String(e) });
      const fault = storageFault(e, this.deps.dataDir);
      if (fault !== null) {
        // nothing about the file or the employees was wrong: the same preview can be imported once the fault is gone
        this.previews.set(previewId, preview);
        throw fault === 'busy' ? new AppError('CONFLICT', ja.errors.databaseBusy) : new AppError('INTERNAL', c.diskFull);
      }
      throw new AppError('CONFLICT', c.conflict);
    }
    const created = preview.rows.filter((r) => r.action === 'create').length;
    const updated = preview.rows.filter((r) => r.action === 'update').length;
    this.deps.logger.info('csv import', { created, updated });
    this.deps.events.emit('employeesChanged', { reason: 'imported' });
    return { created, updated };
  }

  /** A ログインID or 社員コード used twice in the file, or by an employee the row is not. */
  private checkUniqueness(planned: (PlannedRow & { errors: string[] })[], byCode: Map<string, number>, byLogin: Map<string, number>): void {
    const seenLogin = new Map<string, number>();
    const seenCode = new Map<string, number>();
    for (const p of planned) {
      if (p.errors.length) continue;
      const login = p.fields.loginId.toLowerCase();
      const owner = byLogin.get(login);
      if ((owner !== undefined && owner !== p.id) || seenLogin.has(login)) p.errors.push(c.cellError(p.line, C.loginId, ja.validation.duplicateLoginId));
      seenLogin.set(login, p.line);
      if (p.fields.code) {
        const codeOwner = byCode.get(p.fields.code);
        if ((codeOwner !== undefined && codeOwner !== p.id) || seenCode.has(p.fields.code)) p.errors.push(c.cellError(p.line, C.code, ja.validation.duplicateCode));
        seenCode.set(p.fields.code, p.line);
      }
    }
  }

  /** SPEC §11 (a) within one row, (b) across rows of the file, (c) held by an employee not in the file. */
  private async duplicateAddressWarnings(planned: PlannedRow[]): Promise<{ all: string[]; byLine: Map<number, string[]> }> {
    const byLine = new Map<number, string[]>();
    const add = (line: number, w: string) => byLine.set(line, [...(byLine.get(line) ?? []), w]);
    const lines = new Map<string, { address: string; lines: Set<number> }>();
    for (const p of planned) {
      const addresses = [p.fields.email1, p.fields.email2, p.fields.email3];
      for (const a of repeatedWithin(addresses)) add(p.line, c.dupWithinRow(a));
      for (const a of addresses) {
        if (!a) continue;
        const e = lines.get(addressKey(a)) ?? { address: a, lines: new Set<number>() };
        e.lines.add(p.line);
        lines.set(addressKey(a), e);
      }
    }
    for (const { address, lines: ls } of lines.values()) {
      if (ls.size <= 1) continue;
      const all = [...ls];
      // name a few other lines, not all: 2,000 rows sharing one address must not make 4 million line numbers
      for (const l of all) {
        const others = all.filter((x) => x !== l);
        add(l, c.dupAcrossRows(address, others.slice(0, 5), others.length - 5));
      }
    }
    const inFile = new Set(planned.map((p) => p.id).filter((id): id is number => id !== null));
    for await (const keys of inPieces([...lines.keys()])) {
      for (const h of findAddressHolders(this.deps.db, keys, null)) {
        if (inFile.has(h.id)) continue;
        for (const l of lines.get(h.key)!.lines) add(l, c.dupRegistered(lines.get(h.key)!.address, `${h.lastName} ${h.firstName}`.trim(), h.loginId));
      }
    }
    // the dialog's list: each warning with the line it is about, in the file's order
    const all = [...byLine.entries()].sort(([a], [b]) => a - b).flatMap(([line, ws]) => ws.map((w) => c.warningAt(line, w)));
    return { all, byLine };
  }
}

const emptyFields: EmployeeFields = {
  loginId: '', code: '', honorific: '', lastName: '', firstName: '', department: '', email1: null, email2: null, email3: null, recorderEnabled: true,
};

/** One row of 汎用パターン1: what people typed is guarded against formulas, the product's own values are not. */
function exportRecord(r: EmployeeDbRow): string[] {
  return [
    protectCode(r.code),
    ...[r.last_name, r.first_name, r.honorific, r.department, r.login_id].map(neutralise),
    recorderValue(r.recorder_enabled === 1),
    ...[r.email1 ?? '', r.email2 ?? '', r.email3 ?? ''].map(neutralise),
    ja.status.password[r.password_status], ja.status.verification[r.verification], ja.status.passcode[r.passcode_status],
    r.last_login_at === null ? '' : formatDateTime(r.last_login_at),
  ];
}

/** The file's records, parsed a slice at a time with the loop turning between slices (a file may have 20,000 rows). */
async function parseTable(text: string): Promise<string[][]> {
  // relax_quotes: a cell typed as ="0011" without surrounding quotes is a value, not broken quoting
  const parser = parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true });
  const records: string[][] = [];
  let failure: unknown = null;
  parser.on('readable', () => {
    for (let r = parser.read() as string[] | null; r !== null; r = parser.read() as string[] | null) records.push(r);
  });
  parser.on('error', (e) => (failure ??= e));
  const ended = new Promise<void>((resolve) => parser.once('end', resolve).once('error', () => resolve()));
  for (let at = 0; at < text.length && failure === null;) {
    let end = Math.min(text.length, at + PARSE_SLICE);
    if (end < text.length && /[\udc00-\udfff]/.test(text[end]!)) end++; // never split a character such as 𠮷
    parser.write(text.slice(at, end));
    at = end;
    await yieldToTheLoop();
  }
  if (failure === null) parser.end();
  await ended;
  if (failure !== null) {
    const err = failure as { code?: string; lines?: number };
    if (err.code === 'CSV_QUOTE_NOT_CLOSED' || err.code === 'INVALID_OPENING_QUOTE' || err.code === 'CSV_INVALID_CLOSING_QUOTE') {
      throw new AppError('VALIDATION', c.quotes(err.lines ?? 0));
    }
    throw new AppError('VALIDATION', c.unreadable);
  }
  return records;
}
const PARSE_SLICE = 64 * 1024;

/** The employees a file can mean, by 社員コード and by ログインID (lower-cased), looked up a piece at a time. */
async function identitiesNamed(db: Database, codes: string[], loginIds: string[]): Promise<{ byCode: Map<string, number>; byLogin: Map<string, number> }> {
  const byCode = new Map<string, number>();
  const byLogin = new Map<string, number>();
  for await (const piece of inPieces([...new Set(codes.filter((x) => x !== ''))])) {
    for (const e of selectByCodes(db, piece)) byCode.set(e.code, e.id);
  }
  for await (const piece of inPieces([...new Set(loginIds.filter((x) => x !== '').map((x) => x.toLowerCase()))])) {
    for (const e of selectByLoginIds(db, piece)) byLogin.set(e.loginId.toLowerCase(), e.id);
  }
  return { byCode, byLogin };
}

function checkHeader(header: string[], columns: readonly string[], pattern: CsvPattern): void {
  const got = header.map((h) => h.trim());
  if (got.length === columns.length && got.every((h, i) => h === columns[i])) return;
  if (got.length === 1 && /[\t;]/.test(got[0]!)) throw new AppError('VALIDATION', c.delimiter);
  throw new AppError('VALIDATION', c.header(pattern === 'pattern1' ? ja.csv.pattern1 : ja.csv.pattern2, columns.join(',')));
}

/** The column a schema field came from (pattern 2 takes the ログインID of new employees from the 社員コード). */
const columnLabel = (field: string, pattern: CsvPattern): string =>
  field === 'loginId' && pattern === 'pattern2' ? C.code : (C as Record<string, string>)[field] ?? field;

function sameFields(r: EmployeeDbRow, f: EmployeeFields): boolean {
  return r.login_id === f.loginId && r.code === f.code && r.honorific === f.honorific && r.last_name === f.lastName
    && r.first_name === f.firstName && r.department === f.department && r.email1 === f.email1 && r.email2 === f.email2
    && r.email3 === f.email3 && (r.recorder_enabled === 1) === f.recorderEnabled;
}

