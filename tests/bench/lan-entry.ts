/**
 * A bounded load on the LAN pages on loopback (autocannon, a few seconds each): the link
 * page and the login page, while the admin side is asked for the grid every 100 ms.
 * Reports requests per second, p99 latency, errors (must be 0) and the admin side's worst
 * answer time under the load.
 */
import autocannon from 'autocannon';
import { composeApp } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { gridQuerySchema } from '../../preload/schemas';
import { makeTempDir } from '../support/temp-dir';
import { seedLarge } from './seed-large';
import type { BenchRow } from './table';

export async function lanEntry(quick: boolean): Promise<BenchRow[]> {
  const duration = quick ? 2 : 10;
  const tmp = makeTempDir('focusu-bench-lan-');
  const app = composeApp({ dataDir: tmp.dir, logger: silentLogger });
  try {
    seedLarge(app.db, 5_000, app.clock.now());
    const portal = await app.startPortal({ host: '127.0.0.1', port: 0 });
    const rows: BenchRow[] = [];
    for (const [label, path] of [['link page (unknown token)', `verify/${'A'.repeat(43)}`], ['login page', 'login']] as const) {
      const adminTimes: number[] = [];
      const query = gridQuerySchema.parse({});
      const probe = setInterval(() => {
        const t0 = performance.now();
        app.employees.list(query);
        adminTimes.push(performance.now() - t0);
      }, 100);
      // The portal rate-limits each address to protect secrets; the load comes from one, so count
      // 429 answers as answers (the limiter working), and only 5xx and socket errors as errors.
      const result = await autocannon({ url: portal.url + path, connections: 20, duration });
      clearInterval(probe);
      const errors = result.errors + result.timeouts + result['5xx'];
      rows.push({
        entry: `LAN: ${label}, ${duration} s, 20 connections`,
        figure: `${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms, errors ${errors}`,
        baseline: `admin grid under load: max ${Math.max(...adminTimes).toFixed(0)} ms`,
        ratio: null, target: 'errors = 0', met: errors === 0,
      });
    }
    return rows;
  } finally {
    await app.close();
    tmp.remove();
  }
}
