/**
 * The 社員情報管理 grid at 200,000 employees: each query the screen makes — open and change page,
 * sort by every column both ways, filter by every status, filter by text of one, two and more
 * characters — through the service (the page, its total and the company's counts, at every call),
 * 200 samples each; and the counts alone. Each group's worst query (by p99) is then measured again,
 * alternating with the same query written plainly (plain-grid.ts: what the product did before
 * migration 012) on the same database: that pair gives the ratio.
 */
import { selectCompanyCounts } from '../../db/queries/employee-grid';
import { composeApp } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { GRID_SORT_KEYS, PASSCODE_STATUSES, PASSWORD_STATUSES, VERIFICATION_STATUSES } from '../../preload/domain-types';
import { gridQuerySchema, type GridQueryInput } from '../../preload/schemas';
import { makeTempDir } from '../support/temp-dir';
import { plainCounts, plainGrid } from './plain-grid';
import { seedLarge } from './seed-large';
import { ms, P99_SAMPLES, percentile, timeEach } from './stats';
import type { BenchRow } from './table';

const TARGET_MS = 50;

export async function gridEntry(quick: boolean): Promise<BenchRow[]> {
  const n = quick ? 5_000 : 200_000;
  const samples = quick ? 20 : P99_SAMPLES;
  const p = quick ? 95 : 99;
  const tmp = makeTempDir('focusu-bench-grid-');
  const app = composeApp({ dataDir: tmp.dir, logger: silentLogger });
  try {
    seedLarge(app.db, n, app.clock.now());
    app.db.pragma('optimize');
    const groups: [string, [string, GridQueryInput][]][] = [
      ['open and change page', [
        ['page 1', {}], ['page 2', { page: 2 }], ['a middle page', { page: Math.floor(n / 200) }],
        ['the last page', { page: Math.ceil(n / 100) }], ['1,000 rows', { pageSize: 1000 }],
      ]],
      ['sort by every column, both ways', GRID_SORT_KEYS.flatMap((sort) => [
        [`sort ${sort}`, { sort }], [`sort ${sort} desc`, { sort, direction: 'desc' as const }],
      ] as [string, GridQueryInput][])],
      ['filter by every status', [
        ...PASSWORD_STATUSES.map((s) => [`パスワード ${s}`, { password: [s] }] as [string, GridQueryInput]),
        ...PASSCODE_STATUSES.map((s) => [`パスコード ${s}`, { passcode: [s] }] as [string, GridQueryInput]),
        ...VERIFICATION_STATUSES.map((s) => [`認証状態 ${s}`, { verification: [s] }] as [string, GridQueryInput]),
      ]],
      // one character, two (a surname, a 所属), a name with its space, a code, a login ID, nothing
      ['filter by text', ['藤', '佐藤', '本社', '佐藤 1', '100123', 'u1999', 'zzz'].map((text) => [`「${text}」`, { text }] as [string, GridQueryInput])],
    ];
    const rows: BenchRow[] = [];
    for (const [label, queries] of groups) {
      // pass 1: every query of the group, its p99 (after a first call: statements prepared, pages cached)
      const measured = queries.map(([name, input]) => {
        const q = gridQuerySchema.parse(input);
        timeEach(3, () => app.employees.list(q));
        timeEach(3, () => plainGrid(app.db, q, app.clock.now()));
        return { name, q, p: percentile(timeEach(samples, () => app.employees.list(q)), p) };
      });
      const worst = measured.reduce((a, b) => (b.p > a.p ? b : a));
      // pass 2: the worst query and its plain twin, alternating
      const pair = alternate(samples, () => app.employees.list(worst.q), () => plainGrid(app.db, worst.q, app.clock.now()));
      const figure = Math.max(worst.p, percentile(pair.a, p));
      rows.push(row(`Grid at ${n.toLocaleString('en')}: ${label} (page, total and counts, p${p} of ${samples} each, the worst)`,
        `${ms(figure)} (${worst.name})`, percentile(pair.a, p), percentile(pair.b, p), figure));
    }
    const now = () => app.clock.now();
    const pair = alternate(samples, () => selectCompanyCounts(app.db, now()), () => plainCounts(app.db, now()));
    const counts = percentile(pair.a, p);
    rows.push(row(`Grid at ${n.toLocaleString('en')}: the company's counts alone (p${p} of ${samples})`, ms(counts), counts, percentile(pair.b, p), counts));
    return rows;
  } finally {
    await app.close();
    tmp.remove();
  }
}

function row(entry: string, figure: string, product: number, plain: number, worst: number): BenchRow {
  return {
    entry, figure, baseline: `plain SQL, same query: ${ms(plain)}`, ratio: product / plain,
    target: `< ${TARGET_MS} ms`, met: worst < TARGET_MS,
  };
}

/** `a` and `b` timed in turn, `n` times each: both meet the same moments of a busy machine. */
function alternate(n: number, a: () => unknown, b: () => unknown): { a: number[]; b: number[] } {
  const out = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < n; i++) {
    out.a.push(...timeEach(1, a));
    out.b.push(...timeEach(1, b));
  }
  return out;
}
