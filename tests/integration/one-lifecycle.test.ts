/**
 * Both entry points go through the same start and stop (main/lifecycle.ts): headless mode as a
 * real child process, the desktop app in-process against a fake of the electron API. Each must
 * take the daily backup, settle the work a crash interrupted, serve the portal, and stop it
 * (and free the data folder) on quit.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE } from '../../main/composition';
import { takeInstanceLock } from '../../main/services/support/instance-lock';
import { insertMailHistory } from '../../db/queries/mail';
import { ja } from '../../preload/i18n/ja';
import { startDesktop } from '../support/desktop-run';
import { startHeadless } from '../support/headless-process';
import { seedDataDir } from '../support/seed';
import { makeTempDir } from '../support/temp-dir';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A data folder whose last run crashed while a verification mail was on its way. */
async function crashedDataDir(dataDir: string): Promise<void> {
  await seedDataDir(dataDir, 2, async (app) => {
    const { id } = app.db.prepare("SELECT id FROM employees WHERE login_id = 'emp001'").get() as { id: number };
    insertMailHistory(app.db, { employeeId: id, kind: 'verification', address: 'emp1@example.co.jp', sentAt: app.clock.now(), result: 'sending', detail: '' });
  });
}

const backups = (dataDir: string) => readdirSync(path.join(dataDir, 'backups')).filter((f) => /^focus-u-\d{8}-\d{6}(-\d+)?\.sqlite$/.test(f));
const mailResults = (dataDir: string) => {
  const db = new BetterSqlite3(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT result FROM mail_history').all() as { result: string }[]).map((r) => r.result);
  } finally {
    db.close();
  }
};
const portalAnswers = (url: string) => fetch(url).then((r) => r.ok, () => false);

async function expectStarted(dataDir: string, portalUrl: string): Promise<void> {
  expect(await portalAnswers(portalUrl)).toBe(true);
  expect(mailResults(dataDir)).toEqual(['uncertain']); // settled before anything else ran: its link works, it is never resent
  await vi.waitFor(() => expect(backups(dataDir)).toHaveLength(1), { timeout: 10_000 });
}

async function expectStopped(dataDir: string, portalUrl: string): Promise<void> {
  expect(await portalAnswers(portalUrl)).toBe(false);
  takeInstanceLock(dataDir).release(); // the data folder is free: the database is closed
}

describe('one lifecycle for both entry points', () => {
  it('headless: recovers interrupted work, takes the daily backup, serves the portal, stops it on SIGTERM', async () => {
    const tmp = makeTempDir();
    cleanups.push(tmp.remove);
    await crashedDataDir(tmp.dir);
    const p = await startHeadless(['--data-dir', tmp.dir, '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', '0']);
    cleanups.push(() => p.stop());
    await expectStarted(tmp.dir, p.portalUrl);
    const exited = new Promise<number | null>((r) => p.child.once('exit', (code) => r(code)));
    await p.stop();
    expect(await exited).toBe(0);
    await expectStopped(tmp.dir, p.portalUrl);
  });

  it('desktop: the same, and the tray\'s 終了 (after its confirmation) stops it', async () => {
    const tmp = makeTempDir();
    cleanups.push(tmp.remove);
    const userData = path.join(tmp.dir, 'userData');
    const dataDir = path.join(userData, 'data');
    await crashedDataDir(dataDir);
    const d = await startDesktop(userData);
    cleanups.push(() => d.quit());
    const url = d.portalUrl();
    await expectStarted(dataDir, url);
    d.fake.answers.push(0);
    d.fake.tray!.clickItem(ja.desktop.trayQuit);
    expect(await d.fake.exited).toBe(0);
    await expectStopped(dataDir, url);
  });
});
