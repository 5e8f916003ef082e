/**
 * The LAN pages' throughput, measured from another process (autocannon-child.ts, 20 keep-alive
 * connections) on the real pages: the login page (200) and a link page with an unknown token (404,
 * the portal's own page), the portal's throttling opened wide so that each request is the page and
 * not a 429. Against, in the same run and the same process, a bare Express 5 server answering the
 * same bytes (status, headers, body) for the same paths, measured the same way; product and bare
 * server alternate. Only the intended status counts as an answer; anything else is an error.
 * Meanwhile the admin side is asked for the grid every 100 ms: its worst answer under the load.
 */
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { composeApp } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { gridQuerySchema } from '../../preload/schemas';
import { ROOT } from '../support/headless-process';
import { makeTempDir } from '../support/temp-dir';
import { seedLarge } from './seed-large';
import { ms } from './stats';
import type { BenchRow } from './table';

interface Result { rps: number; p50: number; p99: number; total: number; byStatus: Record<string, number>; errors: number; timeouts: number }

const WIDE_OPEN = [{ max: 1e9, windowMs: 60_000 }];

export async function lanEntry(quick: boolean): Promise<BenchRow[]> {
  const seconds = quick ? 2 : 10;
  const tmp = makeTempDir('focusu-bench-lan-');
  const app = composeApp({ dataDir: tmp.dir, logger: silentLogger });
  try {
    seedLarge(app.db, 5_000, app.clock.now());
    const portal = await app.startPortal({
      host: '127.0.0.1', port: 0,
      limits: { passwordFailures: WIDE_OPEN, kioskFailures: WIDE_OPEN, kioskRequests: WIDE_OPEN[0]!, verifyFailures: WIDE_OPEN },
    });
    const pages: [string, string, number][] = [['login page', 'login', 200], ['link page (unknown token)', `verify/${'A'.repeat(43)}`, 404]];
    // the bytes the portal answers, served plainly
    const bare = express();
    for (const [, path, status] of pages) {
      const r = await fetch(portal.url + path, { redirect: 'manual' });
      if (r.status !== status) throw new Error(`bench: ${path} answered ${r.status}`);
      const headers = [...r.headers].filter(([k]) => !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(k));
      const body = Buffer.from(await r.arrayBuffer());
      bare.get(`/${path}`, (_req, res) => {
        for (const [k, v] of headers) res.setHeader(k, k === 'set-cookie' ? r.headers.getSetCookie() : v);
        res.status(status).end(body);
      });
    }
    const bareServer = bare.listen(0, '127.0.0.1');
    await new Promise((resolve) => bareServer.once('listening', resolve));
    const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/`;
    const rows: BenchRow[] = [];
    try {
      for (const [label, path, status] of pages) {
        const adminTimes: number[] = [];
        const query = gridQuerySchema.parse({});
        const probe = setInterval(() => {
          const t0 = performance.now();
          app.employees.list(query);
          adminTimes.push(performance.now() - t0);
        }, 100);
        // alternate: product, bare, product, bare — both meet the same moments of a busy machine
        const product: Result[] = [];
        const plain: Result[] = [];
        for (let round = 0; round < 2; round++) {
          product.push(await cannon(portal.url + path, seconds / 2));
          plain.push(await cannon(bareUrl + path, seconds / 2));
        }
        clearInterval(probe);
        const rps = (rs: Result[]) => rs.reduce((a, r) => a + r.rps, 0) / rs.length;
        const errors = (rs: Result[]) => rs.reduce((a, r) => a + r.errors + r.timeouts + r.total - (r.byStatus[String(status)] ?? 0), 0);
        const productErrors = errors(product);
        const ratio = rps(product) / rps(plain);
        rows.push({
          entry: `LAN: ${label} (${status}), from another process, ${seconds} s, 20 connections`,
          figure: `${rps(product).toFixed(0)} req/s, p99 ${ms(Math.max(...product.map((r) => r.p99)))}, ${productErrors} errors; admin grid meanwhile: max ${ms(Math.max(...adminTimes))}`,
          baseline: `bare Express 5, same bytes: ${rps(plain).toFixed(0)} req/s, p99 ${ms(Math.max(...plain.map((r) => r.p99)))}, ${errors(plain)} errors`,
          ratio, target: '≥ 0.5×, 0 errors', met: ratio >= 0.5 && productErrors === 0,
        });
      }
    } finally {
      bareServer.close();
      await portal.close();
    }
    return rows;
  } finally {
    await app.close();
    tmp.remove();
  }
}

function cannon(url: string, seconds: number): Promise<Result> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/autocannon-child.ts', url, '20', String(seconds)], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => child.once('exit', (code) => {
    const line = out.split('\n').find((l) => l.startsWith('{'));
    if (code !== 0 || !line) reject(new Error(`bench: autocannon exited (${code})`));
    else resolve(JSON.parse(line) as Result);
  }));
}
