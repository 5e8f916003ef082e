/**
 * Inputs that reach the handlers: valid shapes with edge values (boundary lengths, unicode,
 * surrounding spaces, ids of existing and deleted employees, versions off by one), now and then
 * one field broken just past its rule. Values that depend on the database as it is when a run
 * starts (an existing id, its version, a prepared notice) are drawn as `Ref`s and resolved then,
 * so fast-check's runs stay replayable.
 */
import fc from 'fast-check';

/** What a run may refer to: the database and the app as they are when the run starts. */
export interface RunState {
  /** existing employees, the 法人管理者 first */
  ids: number[];
  deletedIds: number[];
  versionOf(id: number): number;
  loginIds: string[];
  addresses: string[];
  /** prepared notices not yet delivered (waiting for them would take the download's whole timeout) */
  preparedIssueIds: string[];
  /** notices delivered or discarded: their result is kept */
  settledIssueIds: string[];
  previewIds: string[];
  jobIds: string[];
  backups: string[];
}

/** A value taken from the run's state (`S`) when the run starts. */
export class Ref<S = RunState> {
  constructor(readonly resolve: (s: S) => unknown) {}
}

/** The input with every Ref resolved (a Ref may resolve to a value holding more Refs). */
export function materialize(v: unknown, s: unknown): unknown {
  if (v instanceof Ref) return materialize((v as Ref<unknown>).resolve(s), s);
  if (Array.isArray(v)) return v.map((x) => materialize(x, s));
  // plain records (fast-check makes them without a prototype; JSON.parse, as the transports do, with one)
  if (v !== null && typeof v === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(v) as object | null)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, materialize(x, s)]));
  }
  return v;
}

export const pick = <T>(xs: readonly T[], i: number, fallback: T): T => (xs.length === 0 ? fallback : xs[i % xs.length]!);

/** What the shared vocabulary below refers to (the LAN's state has it too). */
type Known = Pick<RunState, 'loginIds' | 'addresses'>;

/** A field: the values its rule takes (edges included), and values just past it. */
export interface Field { valid: fc.Arbitrary<unknown>; invalid: fc.Arbitrary<unknown> }
export const field = (valid: fc.Arbitrary<unknown>, invalid: fc.Arbitrary<unknown>): Field => ({ valid, invalid });

/**
 * A record of fields: mostly every field valid; otherwise exactly one field broken (or missing),
 * the way a real near miss looks. `validWeight` of 3 makes three runs in four valid-shaped.
 */
export function nearMissRecord(fields: Record<string, Field>, validWeight = 3): fc.Arbitrary<Record<string, unknown>> {
  const valid = fc.record(Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.valid])));
  const keys = Object.keys(fields);
  if (keys.length === 0) return valid;
  const broken = fc.tuple(valid, fc.constantFrom(...keys), fc.boolean()).chain(([r, key, drop]) =>
    (drop ? fc.constant(Object.fromEntries(Object.entries(r).filter(([k]) => k !== key))) : fields[key]!.invalid.map((bad) => ({ ...r, [key]: bad }))));
  return fc.oneof({ weight: validWeight, arbitrary: valid }, { weight: 1, arbitrary: broken });
}

// ---- vocabulary ---------------------------------------------------------------------

/** Characters of real Japanese names and their traps: 髙﨑 (CP932 extensions), 𠮷 (outside the BMP), half-width kana, ①. */
const NAME_UNITS = ['田', '中', '髙', '﨑', '𠮷', 'あ', 'ア', 'ｱ', '①', 'A', 'z', '0', '・', 'ー', ' '];

/** Single-line text of 1..max characters as counted by the schema (code points), trimmed by it. */
export function textField(max: number, opts: { required?: boolean } = {}): Field {
  const min = opts.required ? 1 : 0;
  const body = (lo: number, hi: number) => fc.string({ unit: fc.constantFrom(...NAME_UNITS.filter((u) => u !== ' ')), minLength: lo, maxLength: hi });
  return field(
    fc.oneof(
      body(Math.max(min, 1), Math.min(max, 12)),
      body(max, max), // exactly the limit
      body(Math.max(min, 1), 6).map((s) => `  ${s}\u3000`), // spaces around (ASCII and ideographic) are trimmed
      ...(opts.required ? [] : [fc.constant('')]),
    ),
    fc.oneof(
      body(max + 1, max + 1), // one past the limit
      body(1, 5).map((s) => `${s}\n${s}`), // a line break (mail header injection)
      body(1, 5).map((s) => `${s}\u2028`),
      fc.constantFrom('\t', '\u0000', ...(opts.required ? ['', '   '] : [])),
      fc.constantFrom(42, null, true),
    ),
  );
}

const LOCAL = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: 1, maxLength: 20 });
const DOMAINS = ['example.co.jp', 'EXAMPLE.JP', 'sub.example.com', 'xn--eckwd4c7c.jp'];

/** An address: plain, with a tag, mixed-case domain, at the 64-character local limit, or one already on file (the duplicate warning). */
export function emailField(opts: { optional?: boolean } = {}): Field {
  return field(
    fc.oneof(
      { weight: 4, arbitrary: fc.tuple(LOCAL, fc.constantFrom(...DOMAINS)).map(([l, d]) => `${l}@${d}`) },
      { weight: 1, arbitrary: fc.tuple(LOCAL, LOCAL).map(([l, t]) => `${l}+${t}@example.co.jp`) },
      { weight: 1, arbitrary: fc.constant(`${'a'.repeat(64)}@example.co.jp`) },
      { weight: 2, arbitrary: fc.nat().map((i) => new Ref((s: Known) => pick(s.addresses, i, 'taken@example.co.jp'))) },
      ...(opts.optional ? [{ weight: 2, arbitrary: fc.constant('') }] : []),
    ),
    fc.oneof(
      fc.constantFrom('a@', '@example.co.jp', 'a b@example.co.jp', 'a@example..jp', 'a@b.jp\nBcc: x@y.jp', 'ユーザー@例え.jp', 'a,b@example.co.jp'),
      fc.constant(`${'a'.repeat(250)}@example.co.jp`),
      fc.constant(7),
    ),
  );
}

/** ログインID: 3–64 of [A-Za-z0-9._@-], at both limits, with spaces to trim, or one already taken. */
export function loginIdField(): Field {
  const ch = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._@-');
  return field(
    fc.oneof(
      { weight: 4, arbitrary: fc.string({ unit: ch, minLength: 3, maxLength: 16 }) },
      { weight: 1, arbitrary: fc.constantFrom(3, 64).chain((n) => fc.string({ unit: ch, minLength: n, maxLength: n })) },
      { weight: 1, arbitrary: fc.string({ unit: ch, minLength: 3, maxLength: 8 }).map((s) => ` ${s} `) },
      { weight: 2, arbitrary: fc.nat().map((i) => new Ref((s: Known) => pick(s.loginIds, i, 'admin'))) },
    ),
    fc.oneof(
      fc.string({ unit: ch, minLength: 2, maxLength: 2 }),
      fc.string({ unit: ch, minLength: 65, maxLength: 65 }),
      fc.constantFrom('ユーザー', 'a b c', 'abc\n', '', 'ab/c'),
    ),
  );
}

/** An employee id: an existing one (mostly), the 法人管理者, one deleted earlier, or one never used. */
export const anyId = fc.oneof(
  { weight: 8, arbitrary: fc.nat().map((i) => new Ref((s) => pick(s.ids.slice(1), i, 1))) },
  { weight: 1, arbitrary: fc.constant(new Ref((s) => s.ids[0] ?? 1)) },
  { weight: 1, arbitrary: fc.nat().map((i) => new Ref((s) => pick(s.deletedIds, i, 999_999))) },
  { weight: 1, arbitrary: fc.constantFrom(Number.MAX_SAFE_INTEGER, 123_456) },
);
export const idField = field(anyId, fc.constantFrom(0, -1, 1.5, '1', null, Number.MAX_SAFE_INTEGER + 2, Number.NaN));

export const slotField = field(fc.constantFrom(1, 2, 3), fc.constantFrom(0, 4, '1', 1.5));
export const boolField = field(fc.boolean(), fc.constantFrom('true', 1, null));
export const enumField = <T extends string>(values: readonly T[]) => field(fc.constantFrom(...values), fc.constantFrom('', 'other', values[0]!.toUpperCase(), 0));
export const intField = (min: number, max: number) =>
  field(fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max })), fc.constantFrom(min - 1, max + 1, min + 0.5, `${min}`, null));
/** A subset of the values (a filter), sometimes with one unknown value. */
export const subsetField = <T extends string>(values: readonly T[]) =>
  field(fc.subarray([...values]), fc.subarray([...values]).map((xs) => [...xs, 'unknown']));

/** A 43-character base64url id (prepared notices, link tokens) that nobody issued. */
export const strangerId = (length: number) => fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: length, maxLength: length });
