/**
 * Start-up with 50,000 employees: from the process start to the first grid page served
 * (headless: the admin page, the login, the first `employees.list`), against a bare Node
 * process answering one HTTP request, in the same run.
 */
import { spawn } from 'node:child_process';
import { composeApp } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { ROOT, startHeadless } from '../support/headless-process';
import { makeTempDir } from '../support/temp-dir';
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

    const t0 = performance.now();
    const server = await startHeadless(['--data-dir', tmp.dir, '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', '0']);
    try {
      const page = await (await fetch(server.adminUrl)).text();
      const token = /name="focusu-token" content="([^"]+)"/.exec(page)![1]!;
      const headers = { 'content-type': 'application/json', 'x-focusu-token': token };
      const login = await fetch(`${server.adminUrl}api/call/auth.login`, { method: 'POST', headers, body: JSON.stringify({ loginId: 'admin', password: 'bench password 1' }) });
      const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
      const grid = await (await fetch(`${server.adminUrl}api/call/employees.list`, { method: 'POST', headers: { ...headers, cookie }, body: '{}' })).json() as { ok: boolean };
      if (!grid.ok) throw new Error('bench: the grid did not load');
      const total = (performance.now() - t0) / 1000;

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
      return [{
        entry: `Start-up to the first grid page, ${n.toLocaleString('en')} employees`,
        figure: seconds(total), baseline: `bare Node HTTP server: ${seconds(bare)}`, ratio: total / bare, target: '< 2 s', met: total < 2,
      }];
    } finally {
      await server.stop();
    }
  } finally {
    tmp.remove();
  }
}
