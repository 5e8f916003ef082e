/**
 * `npm run serve` in a checkout whose screens were never built (no `npm run build:renderer`):
 * one line at start says how to build them, the admin URL answers the same in Japanese instead
 * of a bare 503 in English, and once they are built they are served without a restart.
 */
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, startHeadless } from '../support/headless-process';
import { makeTempDir } from '../support/temp-dir';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A copy of the project's sources as `git clone && npm ci` leaves them: no dist/. */
function checkoutWithoutScreens(): string {
  const tmp = makeTempDir('focusu-checkout-');
  cleanups.push(tmp.remove);
  for (const entry of ['main', 'preload', 'db', 'resources', 'package.json', 'tsconfig.base.json', 'tsconfig.node.json']) {
    cpSync(path.join(ROOT, entry), path.join(tmp.dir, entry), { recursive: true });
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(tmp.dir, 'node_modules'));
  return tmp.dir;
}

describe('npm run serve before npm run build:renderer', () => {
  it('says at start, in one line, how to build the screens; the admin URL says the same; built later, they are served', async () => {
    const root = checkoutWithoutScreens();
    const data = makeTempDir();
    cleanups.push(data.remove);
    const p = await startHeadless(['--data-dir', data.dir, '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', '0'], {}, root);
    cleanups.push(() => p.stop());
    const hint = '管理画面のファイル（dist/renderer）がありません。npm run build:renderer を実行してください（サーバーの再起動は不要です）。';
    await expect.poll(() => p.stderr()).toContain(hint); // stderr and stdout are separate pipes
    expect(p.stderr().split('\n').filter(Boolean)).toEqual([hint]);

    const missing = await fetch(p.adminUrl);
    expect(missing.status).toBe(503);
    expect(missing.headers.get('content-type')).toMatch(/^text\/plain; charset=utf-8/);
    expect(await missing.text()).toBe(hint);

    // what `npm run build:renderer` writes: the server picks it up as it is
    mkdirSync(path.join(root, 'dist', 'renderer'), { recursive: true });
    writeFileSync(path.join(root, 'dist', 'renderer', 'index.html'), '<!doctype html><meta name="focusu-token" content=""><title>built</title>');
    const built = await fetch(p.adminUrl);
    expect(built.status).toBe(200);
    expect(await built.text()).toMatch(/name="focusu-token" content="[A-Za-z0-9_-]{43}"/);
  });

  it('says nothing of the kind when the screens are built', async () => {
    const data = makeTempDir();
    cleanups.push(data.remove);
    const p = await startHeadless(['--data-dir', data.dir, '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', '0']);
    cleanups.push(() => p.stop());
    expect(p.stderr()).not.toContain('npm run build:renderer');
    expect((await fetch(p.adminUrl)).status).toBe(200);
  });
});
