/**
 * 基本設定›アカウント shows where this run's portal really listens, and where each value comes
 * from: the command line (`--portal-host`, `--portal-port`) or the stored settings — not just the
 * stored values, which a command line overrides.
 */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp } from '../support/test-app';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function testApp() {
  const t = makeTestApp();
  cleanups.push(() => t.dispose());
  return t.app;
}

/** A port free on 127.0.0.1 right now (the stored settings cannot say 0). */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('the portal address in effect', () => {
  it('names the command line for the values it gave, the stored settings for the rest', async () => {
    const app = testApp();
    expect(app.settings.get().portalListening).toBeNull(); // not started
    expect(app.settings.get().portal).toMatchObject({ listenHost: '0.0.0.0', port: 8080 });
    const portal = await app.startPortal({ host: '127.0.0.1', port: 0 });
    expect(app.settings.get().portalListening).toEqual({ host: '127.0.0.1', port: portal.port, hostFrom: 'commandLine', portFrom: 'commandLine' });
  });

  it('names the stored settings when no option overrides them, also after they are changed for the next start', async () => {
    const app = testApp();
    const port = await freePort();
    app.settings.updatePortal({ listenHost: '127.0.0.1', port, baseUrl: '' });
    const portal = await app.startPortal({ port: undefined });
    expect(portal.port).toBe(port);
    expect(app.settings.get().portalListening).toEqual({ host: '127.0.0.1', port, hostFrom: 'settings', portFrom: 'settings' });
    app.settings.updatePortal({ listenHost: '0.0.0.0', port: 8081, baseUrl: '' }); // from the next start on
    expect(app.settings.get().portalListening).toEqual({ host: '127.0.0.1', port, hostFrom: 'settings', portFrom: 'settings' });
    expect(app.settings.get().portal).toMatchObject({ listenHost: '0.0.0.0', port: 8081 });
  });

  it('a port given alone: the host from the settings, the port from the command line', async () => {
    const app = testApp();
    app.settings.updatePortal({ listenHost: '127.0.0.1', port: 8080, baseUrl: '' });
    const portal = await app.startPortal({ port: 0 });
    expect(app.settings.get().portalListening).toEqual({ host: '127.0.0.1', port: portal.port, hostFrom: 'settings', portFrom: 'commandLine' });
  });
});
