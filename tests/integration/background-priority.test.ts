/**
 * The CSV preview's, the PDF renderer's and the bulk hashes' worker threads run at a lower CPU
 * priority than the main thread, which answers the LAN (the bench's CSV rows measure the portal's p99 meanwhile);
 * nothing else in the process is lowered with them: not the main thread, and not libuv's thread
 * pool (argon2 checks of the LAN's logins), even when a worker is the first to need that pool.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKGROUND_NICE, giveWayToTheLan } from '../../main/services/support/background-priority';
import { issueByPdf } from '../support/issue-by-pdf';
import { makeTestApp, registerEmployee } from '../support/test-app';

/** Each thread of this process (its id) and its nice value, from /proc. */
function threadNices(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // after "pid (comm) ": state is field 3, nice field 19
      out.set(tid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}
const lowered = (nices: Map<string, number>) => [...nices].filter(([, n]) => n !== 0);

describe.runIf(process.platform === 'linux')('background workers give way to the LAN', () => {
  let t: ReturnType<typeof makeTestApp>;
  beforeEach(() => {
    t = makeTestApp();
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('the CSV preview, the PDF renderer and a notice\'s hashing each run on threads of their own at nice 10; every other thread keeps its priority', async () => {
    const before = threadNices();
    expect(lowered(before)).toEqual([]);
    const id = registerEmployee(t.app, { loginId: 'tanaka' });
    const csv = Buffer.from('社員コード,姓,名,所属,メールアドレス1,メールアドレス2,メールアドレス3\r\n1001,佐藤,花子,本社,,,\r\n', 'utf8');
    expect((await t.app.csv.previewImport('pattern2', 'auto', csv)).rows).toHaveLength(1);
    const afterCsv = lowered(threadNices());
    expect(afterCsv.map(([, n]) => n)).toEqual([BACKGROUND_NICE]);
    expect(before.has(afterCsv[0]![0])).toBe(false); // a new thread: the worker's

    await issueByPdf(t.app, id, 'password');
    const afterPdf = lowered(threadNices());
    // the renderer's, and one hashing thread for the one notice (a batch starts two: bulk-hasher.test.ts)
    expect(afterPdf.map(([, n]) => n)).toEqual([BACKGROUND_NICE, BACKGROUND_NICE, BACKGROUND_NICE]);
    expect(afterPdf.filter(([tid]) => before.has(tid))).toEqual([]);
  });

  it('elsewhere (Windows, macOS: the whole process would be lowered) nothing is done', async () => {
    const before = threadNices();
    expect(await giveWayToTheLan('win32')).toBe(false);
    expect(await giveWayToTheLan('darwin')).toBe(false);
    expect(lowered(threadNices())).toEqual(lowered(before));
  });

  it('a worker that is the first to use libuv\'s thread pool leaves the pool at normal priority', () => {
    // CommonJS all the way, the module compiled here (no loader reading files through the pool
    // first): the worker is the pool's first user, and a pool started by a lowered thread would
    // inherit its nice
    const compiled = transformSync(readFileSync('main/services/support/background-priority.ts', 'utf8'), { loader: 'ts', format: 'cjs' }).code;
    const child = `
      const { Worker } = require('node:worker_threads');
      const fs = require('node:fs');
      const w = new Worker(\`
        const m = { exports: {} };
        new Function('exports', 'require', 'module', require('node:worker_threads').workerData)(m.exports, require, m);
        m.exports.giveWayToTheLan().then((done) => // then its own work, through the pool
          require('node:fs').stat('/', () => require('node:worker_threads').parentPort.postMessage(done)));
      \`, { eval: true, workerData: process.argv[1] });
      w.on('message', (done) => {
        const nices = fs.readdirSync('/proc/self/task').map((tid) => {
          const s = fs.readFileSync('/proc/self/task/' + tid + '/stat', 'utf8');
          return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[16]);
        });
        process.stdout.write(JSON.stringify({ done, nices }));
        w.terminate();
      });`;
    const { done, nices } = JSON.parse(execFileSync(process.execPath, ['-e', child, compiled], { encoding: 'utf8' })) as { done: boolean; nices: number[] };
    expect(done).toBe(true);
    expect(nices.filter((n) => n !== 0)).toEqual([BACKGROUND_NICE]);
    expect(nices.length).toBeGreaterThanOrEqual(6); // main, V8's helpers, the pool's 4 threads, the worker
  });
});
