import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runDesktop, type DesktopOptions, type DesktopRun } from '../../main/desktop/desktop-app';
import { trayIconPath } from '../../main/paths';
import { silentLogger } from '../../main/services/support/logger';
import { FakeElectron, type FakeElectronOptions } from './fake-electron';

export interface DesktopUnderTest {
  fake: FakeElectron;
  run: DesktopRun;
  dataDir: string;
  /** the portal's URL as this run started it */
  portalUrl(): string;
  /** quits as the OS would (no confirmation) unless the app has exited already */
  quit(): Promise<void>;
}

/** A renderer folder with an index.html and one asset: what app:// serves. */
export function fakeRendererDir(userData: string): string {
  const dir = path.join(userData, '..', 'renderer');
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Focus U</title>');
  writeFileSync(path.join(dir, 'assets', 'app.js'), 'export {};');
  writeFileSync(path.join(userData, '..', 'secret.txt'), 'not for the page');
  return dir;
}

/**
 * The desktop app (main/desktop/desktop-app.ts) started as entry-electron starts it, with a fake
 * of the electron API at the edge; the portal on loopback with a free port.
 */
export async function startDesktop(
  userData: string, over: Partial<DesktopOptions> = {}, fakeOptions: Partial<FakeElectronOptions> = {},
): Promise<DesktopUnderTest> {
  mkdirSync(userData, { recursive: true });
  const fake = new FakeElectron({ userData, ...fakeOptions });
  const run = runDesktop({
    edge: fake,
    argv: ['/opt/focus-u/focus-u-timerecorder'],
    platform: 'linux',
    rendererDir: fakeRendererDir(userData),
    preloadPath: '/opt/focus-u/resources/app.asar/dist-electron/preload.cjs',
    trayIcon: trayIconPath,
    configDir: path.join(userData, '..', 'config'),
    launch: ['/opt/Focus U/focus-u-timerecorder', '--hidden'],
    compose: { logger: silentLogger },
    portal: { host: '127.0.0.1', port: 0 },
    ...over,
  });
  await run.started;
  return {
    fake, run, dataDir: path.join(userData, 'data'),
    portalUrl() {
      const portal = run.lifecycle()?.portal;
      if (!portal?.running) throw new Error('the portal is not running');
      return portal.url;
    },
    async quit() {
      if (fake.exitCode !== null) return;
      fake.app.quit();
      await fake.exited;
    },
  };
}
