/**
 * The desktop app and the server do not fight over a data folder: whichever starts second is
 * refused, and its message names the other program (the desktop app or the server), its PID and
 * since when. A real headless server (child process) against the desktop app's whole start (a
 * fake of the electron API at the edge), in both orders.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ja } from '../../preload/i18n/ja';
import { runHeadlessToExit, startHeadless } from '../support/headless-process';
import { startDesktop } from '../support/desktop-run';
import { seedDataDir } from '../support/seed';
import { makeTempDir } from '../support/temp-dir';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function userDataDir(): string {
  const tmp = makeTempDir('focusu-both-');
  cleanups.push(tmp.remove);
  return path.join(tmp.dir, 'userData');
}

describe('one data folder, one program', () => {
  it('the desktop app started on a folder the server holds: an error box naming the server and its PID', async () => {
    const userData = userDataDir();
    const dataDir = path.join(userData, 'data');
    await seedDataDir(dataDir, 1);
    const server = await startHeadless(['--data-dir', dataDir, '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', '0']);
    cleanups.push(() => server.stop());
    const refused = await startDesktop(userData);
    expect(refused.fake.exitCode).toBe(1);
    expect(refused.fake.errorBoxes).toEqual([{
      title: '起動できません',
      content: expect.stringMatching(new RegExp(`^このデータフォルダーは別のプロセス（${ja.cli.holder.server}、PID ${server.child.pid}、\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} から）が使用しています: `)),
    }]);
  });

  it('the server started on a folder the desktop app holds: one line naming the desktop app and its PID, exit code 1', async () => {
    const userData = userDataDir();
    const desktop = await startDesktop(userData);
    cleanups.push(() => desktop.quit());
    expect(desktop.fake.exitCode).toBeNull();
    const refused = await runHeadlessToExit(['--data-dir', desktop.dataDir, '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', '0']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`このデータフォルダーは別のプロセス（${ja.cli.holder.desktop}、PID ${process.pid}、`);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
  });
});
