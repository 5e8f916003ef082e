/**
 * The LAN pages' throughput, measured from another process (autocannon-child.ts, 20 keep-alive
 * connections) on the real pages: the login page (200) and a link page with an unknown token (404,
 * the portal's own page). The portal runs as it ships — bundled (build-lan-portal.mjs), in a process
 * of its own (lan-portal-child.ts), its throttling opened wide so that each request is the page and
 * not a 429, the admin grid asked for every 100 ms on its thread meanwhile. Against, in the same run,
 * a bare Express 5 in a process of its own (bare-pages-child.mjs) answering the same bytes (status,
 * headers, body) for the same paths, measured the same way; product and bare server alternate. Only
 * the intended status counts as an answer; anything else is an error.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../support/headless-process';
import { cannon, unintended, type CannonResult } from './cannon';
import { childLines } from './child-lines';
import { ms } from './stats';
import type { BenchRow } from './table';

export async function lanEntry(quick: boolean): Promise<BenchRow[]> {
  const seconds = quick ? 2 : 10;
  if (spawnSync(process.execPath, [path.join(ROOT, 'tests', 'bench', 'build-lan-portal.mjs')], { cwd: ROOT, stdio: 'inherit' }).status !== 0) {
    throw new Error('bench: the portal did not build');
  }
  const portal = await server([path.join(ROOT, 'dist-bench', 'lan-portal.mjs')]);
  let bare: Awaited<ReturnType<typeof server>> | null = null;
  try {
    const pages: [string, string, number][] = [['login page', 'login', 200], ['link page (unknown token)', `verify/${'A'.repeat(43)}`, 404]];
    // the bytes the portal answers, served plainly
    const served = [];
    for (const [, page, status] of pages) {
      const r = await fetch(portal.url + page, { redirect: 'manual' });
      if (r.status !== status) throw new Error(`bench: ${page} answered ${r.status}`);
      const headers = [...r.headers].filter(([k]) => !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'set-cookie'].includes(k));
      served.push({ path: `/${page}`, status, headers, setCookies: r.headers.getSetCookie(), body: Buffer.from(await r.arrayBuffer()).toString('base64') });
    }
    bare = await server([path.join(ROOT, 'tests', 'bench', 'bare-pages-child.mjs')], JSON.stringify(served));
    const rows: BenchRow[] = [];
    for (const [label, page, status] of pages) {
      portal.child.stdin.write('window\n');
      // alternate: product, bare, product, bare — both meet the same moments of a busy machine
      const product: CannonResult[] = [];
      const plain: CannonResult[] = [];
      for (let round = 0; round < 2; round++) {
        product.push(await cannon(portal.url + page, 20, seconds / 2));
        plain.push(await cannon(bare.url + page, 20, seconds / 2));
      }
      portal.child.stdin.write('report\n');
      const adminMax = Number(await portal.line('admin'));
      const rps = (rs: CannonResult[]) => rs.reduce((a, r) => a + r.rps, 0) / rs.length;
      const errors = (rs: CannonResult[]) => rs.reduce((a, r) => a + unintended(r, status), 0);
      const productErrors = errors(product);
      const ratio = rps(product) / rps(plain);
      rows.push({
        entry: `LAN: ${label} (${status}), from another process, ${seconds} s, 20 connections`,
        figure: `${rps(product).toFixed(0)} req/s, p99 ${ms(Math.max(...product.map((r) => r.p99)))}, ${productErrors} errors; admin grid meanwhile: max ${ms(adminMax)}`,
        baseline: `bare Express 5, same bytes: ${rps(plain).toFixed(0)} req/s, p99 ${ms(Math.max(...plain.map((r) => r.p99)))}, ${errors(plain)} errors`,
        ratio, target: '≥ 0.5×, 0 errors', met: ratio >= 0.5 && productErrors === 0,
      });
    }
    return rows;
  } finally {
    await bare?.stop();
    await portal.stop();
  }
}

/** A server process of the bench (plain node): its URL, its next line starting with a word, and a way to stop it. */
async function server(args: string[], firstLine?: string) {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = childLines(child, path.basename(args[0]!));
  if (firstLine !== undefined) child.stdin.write(`${firstLine}\n`);
  const url = await lines.next('url');
  return { child, url, line: lines.next, stop: async () => { child.stdin.end(); await exited; } };
}
