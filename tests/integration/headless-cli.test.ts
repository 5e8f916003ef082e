import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../main/composition';
import { LATEST_VERSION } from '../../db/migrations';
import { runHeadlessToExit, startHeadless, type HeadlessProcess } from '../support/headless-process';
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
async function start(args: string[]): Promise<HeadlessProcess> {
  const p = await startHeadless(args);
  cleanups.push(() => p.stop());
  return p;
}

describe('npm run serve (headless mode)', () => {
  it('prints the admin and portal URLs with the real ports when given port 0', async () => {
    const p = await start(['--data-dir', tempDir(), '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', '0']);
    expect(p.adminUrl).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*\/$/);
    expect(p.portalUrl).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*\/$/);
    const portal = await fetch(p.portalUrl);
    expect(await portal.text()).toContain('Focus U ポータルサイト');
    const state = await fetch(`${p.adminUrl}api/call/auth.getState`, { method: 'POST', body: '{}' });
    expect(state.status).toBe(403); // no token: the page carries it
  });

  it('with --demo prints the demo administrator, who can log in, and starts fresh every time', async () => {
    const dir = tempDir();
    for (let run = 0; run < 2; run++) {
      const p = await start(['--demo', '--data-dir', dir, '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', '0']);
      const m = /^demo admin: ログインID (\S+) \/ パスワード (\S+)$/m.exec(p.stdout());
      expect(m).not.toBeNull();
      const page = await (await fetch(p.adminUrl)).text();
      expect(page, 'the admin page needs the built renderer: npm run build:renderer').toContain('focusu-token');
      const token = /name="focusu-token" content="([^"]+)"/.exec(page)?.[1] ?? '';
      const login = await fetch(`${p.adminUrl}api/call/auth.login`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-focusu-token': token },
        body: JSON.stringify({ loginId: m![1], password: m![2] }),
      });
      expect(await login.json()).toMatchObject({ ok: true, result: { loggedIn: true, companyName: 'デモ株式会社' } });
      await p.stop();
      const db = new BetterSqlite3(path.join(dir, DATABASE_FILE), { readonly: true });
      expect(db.prepare('SELECT count(*) AS n FROM employees').get()).toEqual({ n: 13 });
      expect(db.prepare('SELECT count(*) AS n FROM employees WHERE email1 IS NULL AND is_company_admin = 0').get()).toEqual({ n: 2 });
      db.close();
    }
  });

  it('refuses --demo on a folder that holds real data', async () => {
    const dir = tempDir();
    const p = await start(['--data-dir', dir, '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', '0']);
    await p.stop();
    const r = await runHeadlessToExit(['--demo', '--data-dir', dir, '--port', '0', '--portal-port', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^起動オプションが正しくありません: --demo は新しいデータフォルダーか/);
  });

  it('says in one line that a port is in use, and exits non-zero', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => blocker.close(r)));
    const port = (blocker.address() as { port: number }).port;
    for (const args of [['--port', String(port), '--portal-port', '0'], ['--port', '0', '--portal-port', String(port)]]) {
      const r = await runHeadlessToExit(['--data-dir', tempDir(), '--portal-host', '127.0.0.1', ...args]);
      expect(r.code).toBe(1);
      const what = args[1] === String(port) ? '管理画面' : 'ポータル';
      expect(r.stderr).toBe(`${what}のポート ${port} は既に使用されています。別のポート番号を指定してください。\n`);
    }
  });

  it('says in one line that the data folder cannot be written', async () => {
    const parent = tempDir();
    const locked = path.join(parent, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    cleanups.push(() => chmodSync(locked, 0o700));
    const file = path.join(parent, 'a-file');
    writeFileSync(file, 'x');
    for (const dir of [path.join(file, 'data'), ...(process.getuid?.() === 0 ? [] : [locked])]) {
      const r = await runHeadlessToExit(['--data-dir', dir, '--port', '0', '--portal-port', '0']);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`データフォルダー ${dir} に書き込めません。フォルダーの場所と権限を確認してください。\n`);
    }
  });

  it('refuses a database from a newer version without touching it', async () => {
    const dir = tempDir();
    const db = new BetterSqlite3(path.join(dir, DATABASE_FILE));
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    const r = await runHeadlessToExit(['--data-dir', dir, '--port', '0', '--portal-port', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('このバージョンより新しいアプリで作成されています');
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('rejects bad options with a clear message', async () => {
    const r = await runHeadlessToExit(['--data-dir', tempDir(), '--port', 'abc']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^起動オプションが正しくありません: --port/);
    expect((await runHeadlessToExit(['--bogus'])).stderr).toMatch(/^起動オプションが正しくありません/);
  });
});
