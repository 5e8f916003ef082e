import { test as base, expect, type Page } from '@playwright/test';
import { startHeadless, type HeadlessProcess } from '../support/headless-process';
import { makeTempDir } from '../support/temp-dir';

export interface Server extends HeadlessProcess { dataDir: string }

/** A server factory: every test gets fresh data folders, stopped and removed afterwards. */
export const test = base.extend<{ startServer: (opts?: { demo?: boolean; dataDir?: string }) => Promise<Server> }>({
  startServer: async ({}, use) => {
    const started: { stop(): Promise<void>; remove(): void }[] = [];
    await use(async (opts = {}) => {
      const tmp = opts.dataDir ? { dir: opts.dataDir, remove() {} } : makeTempDir('focusu-e2e-');
      const p = await startHeadless([
        ...(opts.demo ? ['--demo'] : []), '--data-dir', tmp.dir, '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', '0',
      ]);
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
