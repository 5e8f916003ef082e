/**
 * One server per data folder. A second start on a folder in use is refused before it
 * migrates or recovers anything (the first one's in-flight bulk-mail rows stay as they
 * are); the lock dies with its process, so a start after a SIGKILL works.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { composeApp, DATABASE_FILE } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { DataFolderInUseError } from '../../main/services/support/instance-lock';
import { runHeadlessToExit, startHeadless } from '../support/headless-process';
import { makeTempDir } from '../support/temp-dir';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
function tempDir() {
  const t = makeTempDir();
  cleanups.push(t.remove);
  return t.dir;
}
const args = (dir: string, port = '0') => ['--data-dir', dir, '--port', port, '--portal-host', '127.0.0.1', '--portal-port', '0'];

describe('one server per data folder', () => {
  it('refuses a second start in one line naming the holder, touching nothing; after a SIGKILL of the holder a start works', async () => {
    const dir = tempDir();
    const first = await startHeadless(args(dir));
    cleanups.push(() => first.stop());

    // a bulk send of the first server, in flight: a crash recovery would mark the row as crashed
    const side = new BetterSqlite3(path.join(dir, DATABASE_FILE), { timeout: 5000 });
    cleanups.push(() => side.close());
    side.prepare('INSERT INTO mail_jobs (id, created_at) VALUES (?, ?)').run('job-live', Date.now());
    side.prepare(`INSERT INTO mail_job_items (job_id, position, login_id, name, address, state)
      VALUES ('job-live', 0, 'tanaka', '田中', 'tanaka@example.co.jp', 'sending')`).run();
    const state = () => (side.prepare("SELECT state FROM mail_job_items WHERE job_id = 'job-live'").get() as { state: string }).state;

    // on the first one's own admin port: without the lock, this start would get as far as "port in use"
    const refused = await runHeadlessToExit(args(dir, new URL(first.adminUrl).port));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(
      `^このデータフォルダーは別のプロセス（Focus U サーバー、PID ${first.child.pid}、\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} から）が使用しています: ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n$`,
    ));
    expect(refused.stdout).toBe('');
    expect(state()).toBe('sending');
    expect((await fetch(first.portalUrl)).status).toBe(200); // the first one never noticed

    const gone = new Promise((r) => first.child.once('exit', r));
    first.child.kill('SIGKILL');
    await gone;
    const next = await startHeadless(args(dir));
    cleanups.push(() => next.stop());
    expect(state()).not.toBe('sending'); // now it was a crash, and the recovery settled the row
  });

  it('holds within one process too: a second composeApp on the folder is refused until the first closes', async () => {
    const dir = tempDir();
    const app = composeApp({ dataDir: dir, logger: silentLogger });
    expect(() => composeApp({ dataDir: dir, logger: silentLogger })).toThrow(DataFolderInUseError);
    expect(() => composeApp({ dataDir: dir, logger: silentLogger })).toThrow(`が使用しています: ${dir}`);
    await app.close();
    const again = composeApp({ dataDir: dir, logger: silentLogger });
    await again.close();
  });
});
