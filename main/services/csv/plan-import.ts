/**
 * 「社員情報の一括アップロード」's preview, worked out: what each line of the file would do to whom,
 * or why it cannot — per-row errors and duplicate-address warnings (SPEC §11). Reads only, and
 * only the employees the file names (by index). Runs in the CSV worker thread (csv-planner.ts) on
 * a read-only connection of its own: nothing of it holds the main thread's loop.
 */
import type { Database } from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import type { ImportPreview, ImportPreviewRow } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { employeeFieldsSchema, type EmployeeFields } from '../../../preload/schemas';
import type { EmployeeDbRow } from '../../../db/queries/employee-columns';
import { findAddressHolders, selectByCodes, selectByLoginIds, selectEmployees } from '../../../db/queries/employees';
import {
  columnsOf, CSV_COLUMN as C, RECORDER_VALUES, type CsvPattern,
} from '../../../preload/csv-layouts';
import { fullName } from '../../../preload/domain-types';
import { addressKey, repeatedWithin } from '../domain/addresses';
import { AppError } from '../support/errors';
import { unneutralise, unprotectCode } from './cells';
import { decodeCsv, type CsvEncoding } from './encoding';

const c = ja.csv;
/** Names looked up by one statement (its IN list). */
const LOOKUP_PIECE = 500;

export interface PlannedRow {
  line: number; action: 'create' | 'update' | 'unchanged'; id: number | null; fields: EmployeeFields;
  /** the matched employee's row version at preview: the commit is refused if anyone changed it since */
  version: number | null;
  /** what the file says, shown in the preview even when the row does not validate */
  shown: { loginId: string; name: string };
}

/** The preview as the screen gets it (without its id, which the service gives), and the rows a commit would write. */
export interface ImportPlan {
  preview: Omit<ImportPreview, 'previewId'>;
  /** The rows an import would write, null while any row has an error: such a file cannot be imported. */
  planned: PlannedRow[] | null;
}

type Row = PlannedRow & { errors: string[] };

export function planImport(db: Database, now: number, pattern: CsvPattern, forced: CsvEncoding | 'auto', bytes: Uint8Array): ImportPlan {
  const decoded = decodeCsv(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), forced);
  if (!decoded.ok) throw new AppError('VALIDATION', decoded.reason === 'empty' ? c.empty : c.binary);
  const table = parseTable(decoded.text);
  const columns = columnsOf(pattern);
  checkHeader(table[0] ?? [], columns, pattern);
  const body = table.slice(1);
  const cellOf = (cells: string[], name: string) => {
    const raw = unneutralise(cells[columns.indexOf(name)] ?? '');
    return name === C.code ? unprotectCode(raw) : raw;
  };
  // the employees the file can mean: its 社員コード, and its ログインID (pattern 2: a new row's is its 社員コード)
  const { byCode, byLogin } = identitiesNamed(db,
    body.map((cells) => cellOf(cells, C.code).trim()),
    body.map((cells) => (pattern === 'pattern1' ? cellOf(cells, C.loginId) : cellOf(cells, C.code)).trim()));
  const named = employeesNamed(db, now, [...new Set([...byCode.values(), ...byLogin.values()])]);
  const planned = body.map((cells, i) => planRow(named, pattern, columns, cells, i + 2, byCode, byLogin));
  checkUniqueness(planned, byCode, byLogin);
  const warnings = duplicateAddressWarnings(db, planned);
  const rows: ImportPreviewRow[] = planned.map((p) => ({
    line: p.line, action: p.action, loginId: p.shown.loginId, name: p.shown.name,
    errors: p.errors, warnings: warnings.byLine.get(p.line) ?? [],
  }));
  const hasErrors = planned.some((p) => p.errors.length > 0);
  const count = (a: PlannedRow['action']) => planned.filter((p) => p.errors.length === 0 && p.action === a).length;
  return {
    preview: {
      encoding: decoded.encoding, rows,
      counts: { create: count('create'), update: count('update'), unchanged: count('unchanged'), errors: planned.filter((p) => p.errors.length).length },
      warnings: warnings.all,
    },
    planned: hasErrors ? null : planned.map(({ errors: _errors, ...row }) => row),
  };
}

/** One line of the file: what it would do to whom, or why it cannot. */
function planRow(
  named: Map<number, EmployeeDbRow>, pattern: CsvPattern, columns: readonly string[], cells: string[], line: number,
  byCode: Map<string, number>, byLogin: Map<string, number>,
): Row {
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
  const current = id === null ? undefined : named.get(id);
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

/** A ログインID or 社員コード used twice in the file, or by an employee the row is not. */
function checkUniqueness(planned: Row[], byCode: Map<string, number>, byLogin: Map<string, number>): void {
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
function duplicateAddressWarnings(db: Database, planned: PlannedRow[]): { all: string[]; byLine: Map<number, string[]> } {
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
  for (const keys of pieces([...lines.keys()])) {
    for (const h of findAddressHolders(db, keys, null)) {
      if (inFile.has(h.id)) continue;
      for (const l of lines.get(h.key)!.lines) add(l, c.dupRegistered(lines.get(h.key)!.address, fullName(h.lastName, h.firstName), h.loginId));
    }
  }
  // the dialog's list: each warning with the line it is about, in the file's order
  const all = [...byLine.entries()].sort(([a], [b]) => a - b).flatMap(([line, ws]) => ws.map((w) => c.warningAt(line, w)));
  return { all, byLine };
}

const emptyFields: EmployeeFields = {
  loginId: '', code: '', honorific: '', lastName: '', firstName: '', department: '', email1: null, email2: null, email3: null, recorderEnabled: true,
};

/** The file's records. */
function parseTable(text: string): string[][] {
  try {
    // relax_quotes: a cell typed as ="0011" without surrounding quotes is a value, not broken quoting
    return parse(text, { relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true }) as string[][];
  } catch (e) {
    const err = e as { code?: string; lines?: number };
    if (err.code === 'CSV_QUOTE_NOT_CLOSED' || err.code === 'INVALID_OPENING_QUOTE' || err.code === 'CSV_INVALID_CLOSING_QUOTE') {
      throw new AppError('VALIDATION', c.quotes(err.lines ?? 0));
    }
    throw new AppError('VALIDATION', c.unreadable);
  }
}

function* pieces<T>(items: readonly T[]): Generator<readonly T[]> {
  for (let i = 0; i < items.length; i += LOOKUP_PIECE) yield items.slice(i, i + LOOKUP_PIECE);
}

/** The employees a file can mean, by 社員コード and by ログインID (lower-cased). */
function identitiesNamed(db: Database, codes: string[], loginIds: string[]): { byCode: Map<string, number>; byLogin: Map<string, number> } {
  const byCode = new Map<string, number>();
  const byLogin = new Map<string, number>();
  for (const piece of pieces([...new Set(codes.filter((x) => x !== ''))])) {
    for (const e of selectByCodes(db, piece)) byCode.set(e.code, e.id);
  }
  for (const piece of pieces([...new Set(loginIds.filter((x) => x !== '').map((x) => x.toLowerCase()))])) {
    for (const e of selectByLoginIds(db, piece)) byLogin.set(e.loginId.toLowerCase(), e.id);
  }
  return { byCode, byLogin };
}

/** The employees the file names, as they are now, by id: read a piece at a time, not a row at a time. */
function employeesNamed(db: Database, now: number, ids: number[]): Map<number, EmployeeDbRow> {
  const named = new Map<number, EmployeeDbRow>();
  for (const piece of pieces(ids)) for (const e of selectEmployees(db, piece, now)) named.set(e.id, e);
  return named;
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
