/**
 * Start-up with 50,000 employees: from the process start to the first grid page served
 * (headless: the admin page, the login, the first `employees.list`).
 * - The built server (`node dist-server/focus-u-server.mjs` and the screens, built here), the code an office runs:
 *   the desktop app's main process is an esbuild bundle too. Against a bare Node process answering
 *   one HTTP request, in the same run.
 * - `npm run serve`'s start through tsx (the developer's path, which transforms the sources at each
 *   start) against the built server: shown, with no target of its own.
 * Alternating, best of two each.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { composeApp } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { ROOT, startHeadless, type HeadlessProcess } from '../support/headless-process';
import { makeTempDir } from '../support/temp-dir';
import { buildRenderer } from './build-renderer';
import { seedLarge } from './seed-large';
import { seconds } from './measure';
import type { BenchRow } from './table';

export async function startupEntry(quick: boolean): Promise<BenchRow[]> {
  const n = quick ? 5_000 : 50_000;
  const tmp = makeTempDir('focusu-bench-start-');
  try {
    const seed = composeApp({ dataDir: tmp.dir, logger: silentLogger });
    await seed.auth.setup({ companyName: 'ベンチ株式会社', adminLastName: '管理者', loginId: 'admin', password: 'bench password 1' });
    seedLarge(seed.db, n, seed.clock.now());
    await seed.close();

    const { built, tsx } = await builtAndTsx(tmp.dir);

    const b0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', "require('http').createServer((q,s)=>s.end('ok')).listen(0,'127.0.0.1',function(){console.log(this.address().port)})"], { cwd: ROOT });
      child.stdout.once('data', async (d: Buffer) => {
        await fetch(`http://127.0.0.1:${d.toString().trim()}/`);
        child.kill();
        resolve();
      });
      child.once('error', reject);
    });
    const bare = (performance.now() - b0) / 1000;
    const rows: BenchRow[] = [{
      entry: `Start-up to the first grid page, ${n.toLocaleString('en')} employees (the built server, as an office runs it)`,
      figure: seconds(built), baseline: `bare Node HTTP server: ${seconds(bare)}`, ratio: built / bare, target: '< 2 s', met: built < 2,
    }, {
      entry: `Start-up to the first grid page, ${n.toLocaleString('en')} employees, through tsx (npm run serve, for development)`,
      figure: seconds(tsx), baseline: `the built server: ${seconds(built)}`, ratio: tsx / built, target: '-', met: null,
    }];
    return rows;
  } finally {
    tmp.remove();
  }
}

/** From the process start to the first grid page: the admin page, the login, the first `employees.list`. */
async function toFirstGridPage(start: () => Promise<HeadlessProcess>): Promise<number> {
  const t0 = performance.now();
  const server = await start();
  try {
    const page = await (await fetch(server.adminUrl)).text();
    const token = /name="focusu-token" content="([^"]+)"/.exec(page)![1]!;
    const headers = { 'content-type': 'application/json', 'x-focusu-token': token };
    const login = await fetch(`${server.adminUrl}api/call/auth.login`, { method: 'POST', headers, body: JSON.stringify({ loginId: 'admin', password: 'bench password 1' }) });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const grid = await (await fetch(`${server.adminUrl}api/call/employees.list`, { method: 'POST', headers: { ...headers, cookie }, body: '{}' })).json() as { ok: boolean };
    if (!grid.ok) throw new Error('bench: the grid did not load');
    return (performance.now() - t0) / 1000;
  } finally {
    await server.stop();
  }
}

/** The built server (built here) and `npm run serve`'s tsx start-up, on the same data folder, alternating, best of two each. */
async function builtAndTsx(dataDir: string): Promise<{ built: number; tsx: number }> {
  const bundle = path.join(ROOT, 'dist-server', 'focus-u-server.mjs');
  if (spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-server.mjs')], { cwd: ROOT }).status !== 0) throw new Error('bench: build:server failed');
  buildRenderer(); // the admin page it serves (which carries the API's token) is the built screens' index.html
  const args = ['--data-dir', dataDir, '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', '0'];
  const tsx = () => startHeadless(args);
  const built = () => startHeadless(args, {}, { command: [process.execPath, bundle, ...args], cwd: ROOT, env: process.env });
  const times = { tsx: [] as number[], built: [] as number[] };
  for (let i = 0; i < 2; i++) {
    times.tsx.push(await toFirstGridPage(tsx));
    times.built.push(await toFirstGridPage(built));
  }
  return { built: Math.min(...times.built), tsx: Math.min(...times.tsx) };
}
