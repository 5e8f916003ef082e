import { existsSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import { startHeadless, type HeadlessProcess } from '../support/headless-process';
import { makeTempDir } from '../support/temp-dir';

export interface Server extends HeadlessProcess { dataDir: string }

/** A server factory: every test gets fresh data folders, stopped and removed afterwards. */
export interface ServerOptions {
  demo?: boolean;
  /** an existing data folder (kept afterwards); a fresh one otherwise */
  dataDir?: string;
  smtpUrl?: string;
  /** extra environment, e.g. libfaketime's to start the server days later */
  env?: NodeJS.ProcessEnv;
  /** where the portal listens (127.0.0.1 unless given: 0.0.0.0 to see the LAN addresses proposed) */
  portalHost?: string;
  /** extra command-line options (e.g. OAuth 2.0's authorization servers) */
  args?: string[];
}

export const test = base.extend<{ startServer: (opts?: ServerOptions) => Promise<Server> }>({
  startServer: async ({}, use) => {
    const started: { stop(): Promise<void>; remove(): void }[] = [];
    await use(async (opts = {}) => {
      const tmp = opts.dataDir ? { dir: opts.dataDir, remove() {} } : makeTempDir('focusu-e2e-');
      const p = await startHeadless([
        ...(opts.demo ? ['--demo'] : []), ...(opts.smtpUrl ? ['--smtp-url', opts.smtpUrl] : []),
        '--data-dir', tmp.dir, '--port', '0', '--portal-host', opts.portalHost ?? '127.0.0.1', '--portal-port', '0', ...(opts.args ?? []),
      ], opts.env);
      started.push({ stop: p.stop, remove: tmp.remove });
      return { ...p, dataDir: tmp.dir };
    });
    for (const s of started.reverse()) {
      await s.stop();
      s.remove();
    }
  },
});
export { expect };

/** The demo administrator's credentials, as `npm run demo` prints them. */
export function demoCredentials(server: Server): { loginId: string; password: string } {
  const m = /^demo admin: ログインID (\S+) \/ パスワード (\S+)$/m.exec(server.stdout());
  if (!m) throw new Error('no demo credentials printed');
  return { loginId: m[1]!, password: m[2]! };
}

export const SHOTS = 'test-results/screens';
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

const FAKETIME_LIB = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

/** The environment that starts a server `days` later than now (Debian's libfaketime). */
export function daysLater(days: number): NodeJS.ProcessEnv {
  if (!existsSync(FAKETIME_LIB)) throw new Error('libfaketime is missing: sudo apt-get install -y faketime');
  return { LD_PRELOAD: FAKETIME_LIB, FAKETIME: `+${days}d`, DONT_FAKE_MONOTONIC: '1' };
}
