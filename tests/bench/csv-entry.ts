/**
 * 「社員情報の一括アップロード」's preview of a 1,000-row file at 50,000 employees (half of the rows
 * update employees, half are new, a tenth of them with an address someone already has), while
 * the LAN's everyday users (another process) open the login page and fetch a static file: the
 * preview's time, and the portal's p99 during previews against the same requests just before.
 */
import { composeApp } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { PATTERN2_COLUMNS } from '../../preload/csv-layouts';
import { makeTempDir } from '../support/temp-dir';
import { during, startLoad } from './load';
import { seedLarge } from './seed-large';
import { ms, percentile } from './stats';
import type { BenchRow } from './table';

export async function csvEntry(quick: boolean): Promise<BenchRow[]> {
  const n = quick ? 5_000 : 50_000;
  const rows = 1_000;
  // previews back to back for as long as the idle window lasts: enough of the portal's samples for a p99
  const windowMs = quick ? 2_000 : 20_000; // a p99 of 800+ samples a window: of 300, it varied 1.4–3.9× between runs of the same code
  const p = quick ? 95 : 99;
  const tmp = makeTempDir('focusu-bench-csv-');
  const app = composeApp({ dataDir: tmp.dir, logger: silentLogger });
  try {
    seedLarge(app.db, n, app.clock.now());
    const lines = [PATTERN2_COLUMNS.join(','), ...Array.from({ length: rows }, (_, i) => {
      const existing = i % 2 === 0; // one of seedLarge's employees (社員コード 100000+k, ログインID u<k>, k ≥ 100), or someone new
      const code = existing ? String(100100 + ((i * 37) % (n - 100))) : String(900000 + i);
      const address = i % 10 === 1 ? `u${(i * 53) % n}@example.co.jp` : `csv${i}@example.co.jp`;
      return [code, existing ? '佐藤' : '新人', String(i), existing ? '名古屋支店' : '本社', address, '', ''].join(',');
    })];
    const file = Buffer.from(lines.join('\r\n'), 'utf8');
    const portal = await app.startPortal({ host: '127.0.0.1', port: 0 });
    const load = await startLoad(portal.url, [{ kind: 'loginPage' }, { kind: 'static' }]);
    await app.csv.previewImport('pattern2', 'utf8', file); // warm-up (statements prepared, pages cached)
    const idleFrom = Date.now();
    await new Promise((r) => setTimeout(r, windowMs));
    const idleTo = Date.now();
    const times: number[] = [];
    while (Date.now() - idleTo < windowMs) {
      const t0 = performance.now();
      const preview = await app.csv.previewImport('pattern2', 'utf8', file);
      times.push(performance.now() - t0);
      if (preview.rows.length !== rows || preview.counts.errors > 0) throw new Error(`bench: the preview is not what it should be: ${JSON.stringify(preview.rows.find((r) => r.errors.length)?.errors)}`);
    }
    const busyTo = Date.now();
    const samples = await load.stop();
    await portal.close();
    const worst = Math.max(...times);
    return (['loginPage', 'static'] as const).map((kind, i) => {
      const idle = during(samples, kind, idleFrom, idleTo, p);
      const busy = during(samples, kind, idleTo, busyTo, p);
      const errors = idle.errors + busy.errors;
      return {
        entry: `CSV: preview of ${rows.toLocaleString('en')} rows at ${n.toLocaleString('en')} employees (${times.length} times back to back), and the portal's ${kind === 'static' ? 'static file' : 'login page'} meanwhile (p${p} of ${busy.n})`,
        figure: `${i === 0 ? `preview ${ms(percentile(times, 50))} (worst ${ms(worst)}); ` : ''}portal ${ms(busy.p)}${errors ? ` (unintended: ${[idle.statuses, busy.statuses].filter(Boolean).join('; ')})` : ''}`,
        baseline: `portal just before, no preview: ${ms(idle.p)} (p${p} of ${idle.n})`,
        ratio: busy.p / idle.p, target: 'preview < 1 s, portal < 2× idle',
        met: worst < 1_000 && busy.p < 2 * idle.p && errors === 0,
      };
    });
  } finally {
    await app.close();
    tmp.remove();
  }
}
