/**
 * The LAN bench's product side, in a process of its own and bundled as the server ships
 * (build-lan-portal.mjs): the app on a temporary data folder with 5,000 employees, its portal's
 * throttling opened wide so that each request is the page and not a 429, and the admin grid asked
 * for every 100 ms, on the same thread as the portal, as the administrator's screen would.
 * Prints `url <portal URL>`; then each line `window` on stdin starts a measuring window and `report`
 * prints `admin <slowest grid answer in the window, ms>`. The end of stdin stops it.
 */
import { createInterface } from 'node:readline';
import { composeApp } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { gridQuerySchema } from '../../preload/schemas';
import { makeTempDir } from '../support/temp-dir';
import { seedLarge } from './seed-large';

const WIDE_OPEN = [{ max: 1e9, windowMs: 60_000 }];

const tmp = makeTempDir('focusu-bench-lan-');
const app = composeApp({ dataDir: tmp.dir, logger: silentLogger });
seedLarge(app.db, 5_000, app.clock.now());
const portal = await app.startPortal({
  host: '127.0.0.1', port: 0,
  limits: { passwordFailures: WIDE_OPEN, kioskFailures: WIDE_OPEN, kioskRequests: WIDE_OPEN[0]!, verifyFailures: WIDE_OPEN },
});

let slowest = 0;
const query = gridQuerySchema.parse({});
const probe = setInterval(() => {
  const t0 = performance.now();
  app.employees.list(query);
  slowest = Math.max(slowest, performance.now() - t0);
}, 100);

process.stdout.write(`url ${portal.url}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line === 'window') slowest = 0;
  if (line === 'report') process.stdout.write(`admin ${slowest}\n`);
});
lines.once('close', () => {
  clearInterval(probe);
  void portal.close().then(() => app.close()).then(() => {
    tmp.remove();
    process.exit(0);
  });
});
