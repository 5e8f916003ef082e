/**
 * The 社員情報管理 grid at 50,000 employees: each query the screen makes (open, change page,
 * sort by every column, filter by every status, the counts) through the service, against
 * the database's own cost for a plain indexed page of the same size.
 */
import { composeApp } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { GRID_SORT_KEYS, PASSCODE_STATUSES, PASSWORD_STATUSES, VERIFICATION_STATUSES } from '../../preload/domain-types';
import { gridQuerySchema, type GridQueryInput } from '../../preload/schemas';
import { makeTempDir } from '../support/temp-dir';
import { seedLarge } from './seed-large';
import type { BenchRow } from './table';

const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]!;

export async function gridEntry(quick: boolean): Promise<BenchRow[]> {
  const n = quick ? 5_000 : 50_000;
  const runs = quick ? 10 : 40;
  const tmp = makeTempDir('focusu-bench-grid-');
  const app = composeApp({ dataDir: tmp.dir, logger: silentLogger });
  try {
    seedLarge(app.db, n, app.clock.now());
    app.db.pragma('optimize');
    const timeOf = (f: () => unknown) => Array.from({ length: runs }, () => {
      const t0 = performance.now();
      f();
      return performance.now() - t0;
    });
    const list = (q: GridQueryInput) => { const parsed = gridQuerySchema.parse(q); return () => app.employees.list(parsed); };
    const groups: [string, GridQueryInput[]][] = [
      ['open and change page', [{}, { page: 2 }, { page: Math.floor(n / 200) }, { pageSize: 1000 }]],
      ['sort by any column', GRID_SORT_KEYS.flatMap((sort) => [{ sort }, { sort, direction: 'desc' as const }])],
      ['filter by any status', [
        ...PASSWORD_STATUSES.map((s) => ({ password: [s] })), ...PASSCODE_STATUSES.map((s) => ({ passcode: [s] })),
        ...VERIFICATION_STATUSES.map((s) => ({ verification: [s] })), { text: '佐藤' }, { text: '100123' },
      ]],
    ];
    const baselineStmt = app.db.prepare('SELECT * FROM employees WHERE id > ? ORDER BY id LIMIT 100');
    const baseline = p99(timeOf(() => baselineStmt.all(Math.floor(n / 2))));
    return groups.map(([label, queries]) => {
      const worst = Math.max(...queries.map((q) => p99(timeOf(list(q)))));
      return {
        entry: `Grid at ${n.toLocaleString('en')}: ${label} (page + counts, p99 of the worst)`,
        figure: `${worst.toFixed(1)} ms`, baseline: `plain indexed page: ${baseline.toFixed(2)} ms`,
        ratio: worst / baseline, target: '< 50 ms', met: worst < 50,
      };
    });
  } finally {
    await app.close();
    tmp.remove();
  }
}
