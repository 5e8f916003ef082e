/**
 * The desktop app's life, run in Node against a fake of the electron API
 * (tests/support/fake-electron.ts): the real lifecycle, services, portal, IPC bridge and
 * window factory; only Electron itself is fake.
 */
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE } from '../../main/composition';
import { AUTOSTART_FILE } from '../../main/desktop/auto-start';
import { takeInstanceLock } from '../../main/services/support/instance-lock';
import { ja } from '../../preload/i18n/ja';
import { startDesktop, type DesktopUnderTest } from '../support/desktop-run';
import { SEED_ADMIN, seedDataDir } from '../support/seed';
import { makeTempDir } from '../support/temp-dir';
import type { FakeWindow } from '../support/fake-electron';
import { composeApp } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { FakeClock } from '../support/fake-clock';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function userDataDir(): string {
  const t = makeTempDir('focusu-desktop-');
  cleanups.push(t.remove);
  return path.join(t.dir, 'userData');
}

async function desktop(userData: string, ...rest: Parameters<typeof startDesktop> extends [string, ...infer R] ? R : never): Promise<DesktopUnderTest> {
  const d = await startDesktop(userData, ...rest);
  cleanups.push(() => d.quit());
  return d;
}

const portalAnswers = (url: string) => fetch(url).then((r) => r.ok, () => false);

async function logIn(d: DesktopUnderTest, win: FakeWindow): Promise<void> {
  expect(await d.fake.invoke(win, 'auth.login', SEED_ADMIN)).toMatchObject({ ok: true, result: { loggedIn: true } });
}

describe('the desktop app stays resident', () => {
  it('closing the window keeps the portal running; the first time a notification says so, and never again', async () => {
    const userData = userDataDir();
    await seedDataDir(path.join(userData, 'data'), 1);
    const d = await desktop(userData);
    const [win] = d.fake.liveWindows();
    expect(win).toBeDefined();
    expect(await portalAnswers(d.portalUrl())).toBe(true);

    win!.close();
    expect(d.fake.exitCode).toBeNull();
    expect(await portalAnswers(d.portalUrl())).toBe(true);
    expect(d.fake.notifications).toEqual([{
      title: ja.desktop.residentTitle,
      body: `ウィンドウを閉じても、社員用ページ（ログイン・打刻・メール認証）は動き続けます。\n${ja.desktop.residentHow}`,
    }]);

    // 「管理画面を開く」 brings a window back; closing it again says nothing more
    d.fake.tray!.clickItem(ja.desktop.trayOpen);
    expect(d.fake.liveWindows()).toHaveLength(1);
    d.fake.liveWindows()[0]!.close();
    expect(d.fake.notifications).toHaveLength(1);
    await d.quit();

    // remembered across starts
    const again = await desktop(userData);
    again.fake.liveWindows()[0]!.close();
    expect(again.fake.notifications).toHaveLength(0);
    expect(again.fake.exitCode).toBeNull();
  });

  it('closing the window ends the administrator\'s session (a window reopened asks for the login again)', async () => {
    const userData = userDataDir();
    await seedDataDir(path.join(userData, 'data'), 1);
    const d = await desktop(userData);
    const win = d.fake.liveWindows()[0]!;
    await logIn(d, win);
    expect(await d.fake.invoke(win, 'settings.get')).toMatchObject({ ok: true });
    win.close();
    d.fake.tray!.clickItem(ja.desktop.trayOpen);
    const reopened = d.fake.liveWindows()[0]!;
    expect(await d.fake.invoke(reopened, 'auth.getState')).toMatchObject({ ok: true, result: { loggedIn: false } });
    expect(await d.fake.invoke(reopened, 'settings.get')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('the tray menu: 管理画面を開く, the portal\'s state and URL (a click copies it), 終了', async () => {
    const userData = userDataDir();
    await seedDataDir(path.join(userData, 'data'), 1);
    const d = await desktop(userData);
    const url = d.portalUrl();
    expect(d.fake.tray!.image).toMatch(/resources[/\\]icons[/\\]tray\.png$/);
    expect(existsSync(d.fake.tray!.image)).toBe(true);
    expect(d.fake.tray!.labels()).toEqual([ja.desktop.trayOpen, `ポータル稼働中 ${url}`, '終了']);
    d.fake.tray!.clickItem('ポータル稼働中');
    expect(d.fake.clipboardText).toEqual([url]);
    await vi.waitFor(() => expect(d.fake.notifications.map((n) => n.body)).toContain(ja.desktop.urlCopied(url)));
  });

  it('the tray hands out an address employees can reach: this PC\'s LAN address, not 127.0.0.1, until 社員がアクセスするURL is set', async () => {
    const userData = userDataDir();
    await seedDataDir(path.join(userData, 'data'), 1);
    const network = () => ({
      interfaces: { lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }], eth0: [{ address: '192.168.1.10', family: 'IPv4', internal: false }] },
      hostname: 'pc01',
    });
    const d = await desktop(userData, { portal: { host: '0.0.0.0', port: 0 }, compose: { logger: silentLogger, network } });
    const port = new URL(d.portalUrl()).port;
    expect(d.fake.tray!.labels()).toContain(`ポータル稼働中 http://192.168.1.10:${port}/`);
    d.fake.tray!.clickItem('ポータル稼働中');
    expect(d.fake.clipboardText).toEqual([`http://192.168.1.10:${port}/`]);

    const win = d.fake.liveWindows()[0]!;
    await logIn(d, win);
    const settings = await d.fake.invoke(win, 'settings.get') as { result: { portalReach: unknown } };
    expect(settings.result.portalReach).toEqual({
      url: `http://127.0.0.1:${port}/`, loopback: true, proposals: [`http://192.168.1.10:${port}/`, `http://pc01:${port}/`], listenHost: '0.0.0.0', listenLoopback: false,
    });
    expect(await d.fake.invoke(win, 'settings.updatePortal', { listenHost: '0.0.0.0', port: 8080, baseUrl: 'http://kintai.example.local:8080/' })).toMatchObject({ ok: true });
    expect(d.fake.tray!.labels()).toContain('ポータル稼働中 http://kintai.example.local:8080/');
  });

  it('終了 asks first, saying what stops; キャンセル keeps everything running; 終了する stops in order and quits', async () => {
    const userData = userDataDir();
    await seedDataDir(path.join(userData, 'data'), 1);
    const d = await desktop(userData);
    const url = d.portalUrl();
    expect([...d.fake.powerBlocks.values()]).toEqual(['prevent-app-suspension']);

    d.fake.answers.push(1); // キャンセル
    d.fake.tray!.clickItem('終了');
    await vi.waitFor(() => expect(d.fake.messageBoxes).toHaveLength(1));
    expect(d.fake.messageBoxes[0]).toMatchObject({
      message: ja.desktop.quitTitle, detail: '終了すると、社員はログイン・打刻・メール認証ができなくなります。',
      buttons: ['終了する', 'キャンセル'], cancelId: 1, defaultId: 1,
    });
    expect(d.fake.exitCode).toBeNull();
    expect(await portalAnswers(url)).toBe(true);

    d.fake.timeline.length = 0;
    d.fake.answers.push(0); // 終了する
    d.fake.tray!.clickItem('終了');
    expect(await d.fake.exited).toBe(0);
    expect(d.fake.timeline).toEqual([
      'messageBox Focus U タイムレコーダーを終了しますか？',
      'quit', 'window.closed', 'will-quit', 'tray.destroy', 'power.stop',
      'ipc.removeHandler', // the admin side first …
      'will-quit prevented', // … the services while Electron waits …
      'quit', 'will-quit', 'exit 0', // … then Electron may go
    ]);
    expect(await portalAnswers(url)).toBe(false);
    expect(d.fake.powerBlocks.size).toBe(0);
    expect(d.fake.hasIpcHandler()).toBe(false);
    takeInstanceLock(d.dataDir).release(); // the data folder is free again
  });

  it('a second start focuses the running window (or opens one); a second start at login opens nothing', async () => {
    const userData = userDataDir();
    await seedDataDir(path.join(userData, 'data'), 1);
    const d = await desktop(userData);
    const win = d.fake.liveWindows()[0]!;
    win.minimized = true;
    win.focused = false;
    d.fake.secondInstance(['/opt/focus-u/focus-u-timerecorder']);
    expect(d.fake.liveWindows()).toEqual([win]);
    expect(win).toMatchObject({ minimized: false, focused: true, visible: true });

    win.close();
    d.fake.secondInstance(['/opt/focus-u/focus-u-timerecorder', '--hidden']);
    expect(d.fake.liveWindows()).toHaveLength(0);
    d.fake.secondInstance(['/opt/focus-u/focus-u-timerecorder']);
    expect(d.fake.liveWindows()).toHaveLength(1);

    // the second process itself: refused the single-instance lock, it quits without touching the data folder
    const second = await startDesktop(userDataDir(), {}, { singleInstance: false });
    expect(second.fake.exitCode).toBe(0);
    expect(existsSync(second.dataDir)).toBe(false);
    expect(second.fake.windows).toHaveLength(0);
  });

  it('a start at login opens no window: the portal runs and the tray is there', async () => {
    const userData = userDataDir();
    await seedDataDir(path.join(userData, 'data'), 1);
    const d = await desktop(userData, { argv: ['/opt/focus-u/focus-u-timerecorder', '--hidden'] });
    expect(d.fake.windows).toHaveLength(0);
    expect(await portalAnswers(d.portalUrl())).toBe(true);
    expect(d.fake.tray!.labels()).toContain(`ポータル稼働中 ${d.portalUrl()}`);
    d.fake.tray!.clickItem(ja.desktop.trayOpen);
    expect(d.fake.liveWindows()).toHaveLength(1);
  });

  it('a portal that cannot listen is a dialog naming the port; the admin screens stay up to change it, and no power request is made', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => blocker.close(r)));
    const port = (blocker.address() as { port: number }).port;
    const userData = userDataDir();
    await seedDataDir(path.join(userData, 'data'), 1);
    const d = await desktop(userData, { portal: { host: '127.0.0.1', port } });
    await vi.waitFor(() => expect(d.fake.messageBoxes).toHaveLength(1));
    expect(d.fake.messageBoxes[0]).toMatchObject({
      message: ja.desktop.portalNotStartedTitle, detail: `ポータルのポート ${port} は既に使用されています。別のポート番号を指定してください。`,
    });
    expect(d.fake.liveWindows()).toHaveLength(1);
    expect(d.fake.powerBlocks.size).toBe(0);
    expect(d.fake.tray!.labels()).toEqual([ja.desktop.trayOpen, ja.desktop.trayPortalStopped, '終了']);
    await logIn(d, d.fake.liveWindows()[0]!);
  });
});

describe('the desktop window and its IPC', () => {
  it('is made hardened, serves app:// from the renderer folder only, and answers only its own top frame', async () => {
    const userData = userDataDir();
    await seedDataDir(path.join(userData, 'data'), 1);
    const d = await desktop(userData);
    const win = d.fake.liveWindows()[0]!;
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, devTools: true,
      preload: '/opt/focus-u/resources/app.asar/dist-electron/preload.cjs',
    });
    expect(win.webContents.url).toBe('app://focusu/index.html');
    expect(win.webContents.navigate('https://evil.example/')).toBe(false);
    expect(win.webContents.navigate('app://focusu/index.html#/x')).toBe(true);
    expect(win.webContents.openHandler?.({ url: 'https://user@evil.example/' })).toEqual({ action: 'deny' });
    expect(win.webContents.openHandler?.({ url: 'https://www.example.com/help' })).toEqual({ action: 'deny' });
    expect(d.fake.openedExternally).toEqual(['https://www.example.com/help']);

    expect((await d.fake.fetchApp('app://focusu/')).status).toBe(200);
    expect(await (await d.fake.fetchApp('app://focusu/assets/app.js')).text()).toBe('export {};');
    for (const url of ['app://focusu/..%2fsecret.txt', 'app://focusu/%252e%252e/secret.txt', 'app://focusu/..%5csecret.txt']) {
      expect([url, (await d.fake.fetchApp(url)).status]).toEqual([url, 403]);
    }

    const top = win.webContents.mainFrame;
    const frame = (over: object) => ({ url: top.url, parent: null, processId: top.processId, routingId: 1, detached: false, isDestroyed: () => false, ...over });
    const subFrame = frame({ parent: top, routingId: 9 });
    expect(await d.fake.invoke(win, 'auth.getState', {}, subFrame)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const foreign = frame({ url: 'https://evil.example/' });
    expect(await d.fake.invoke(win, 'auth.getState', {}, foreign)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await d.fake.invoke(win, 'auth.getState')).toMatchObject({ ok: true });
  });
});

describe('パソコンの起動時に自動で開始する', () => {
  it('Linux: an XDG autostart entry under the config folder, starting the app without a window; removed when turned off', async () => {
    const userData = userDataDir();
    await seedDataDir(path.join(userData, 'data'), 1);
    const d = await desktop(userData);
    const win = d.fake.liveWindows()[0]!;
    await logIn(d, win);
    const file = path.join(userData, '..', 'config', 'autostart', AUTOSTART_FILE);
    expect(await d.fake.invoke(win, 'app.getAutoStart')).toEqual({ ok: true, result: { available: true, enabled: false } });
    expect(await d.fake.invoke(win, 'app.setAutoStart', { enabled: true })).toEqual({ ok: true, result: { available: true, enabled: true } });
    const entry = readFileSync(file, 'utf8');
    expect(entry).toContain('[Desktop Entry]\nType=Application\n');
    expect(entry).toContain('\nExec="/opt/Focus U/focus-u-timerecorder" --hidden\n');
    expect(entry).toContain('\nName=Focus U タイムレコーダー\n');
    if (hasDesktopFileValidate()) execFileSync('desktop-file-validate', [file]);
    expect(await d.fake.invoke(win, 'app.setAutoStart', { enabled: false })).toEqual({ ok: true, result: { available: true, enabled: false } });
    expect(existsSync(file)).toBe(false);
    expect(await d.fake.invoke(win, 'app.setAutoStart', { enabled: 'yes' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('Windows: a login item with --hidden, asked with the same arguments', async () => {
    const userData = userDataDir();
    await seedDataDir(path.join(userData, 'data'), 1);
    const d = await desktop(userData, { platform: 'win32' });
    const win = d.fake.liveWindows()[0]!;
    await logIn(d, win);
    expect(await d.fake.invoke(win, 'app.setAutoStart', { enabled: true })).toEqual({ ok: true, result: { available: true, enabled: true } });
    expect(d.fake.loginItems).toEqual([{ openAtLogin: true, args: ['--hidden'] }]);
    expect(existsSync(path.join(userData, '..', 'config', 'autostart'))).toBe(false);
  });

  it('needs the administrator\'s login, and headless mode has none', async () => {
    const userData = userDataDir();
    await seedDataDir(path.join(userData, 'data'), 1);
    const d = await desktop(userData);
    expect(await d.fake.invoke(d.fake.liveWindows()[0]!, 'app.setAutoStart', { enabled: true })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const headless = composeApp({ dataDir: path.join(userData, '..', 'headless'), logger: silentLogger });
    cleanups.push(() => headless.close());
    const session = await headless.auth.setup({ companyName: 'x', adminLastName: 'y', ...SEED_ADMIN });
    const ctx = { sessionId: session, setSession() {} };
    expect(await headless.dispatcher.dispatch('app.getAutoStart', {}, ctx)).toEqual({ ok: true, result: { available: false, enabled: false } });
    expect(await headless.dispatcher.dispatch('app.setAutoStart', { enabled: true }, ctx)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('start-up problems on the desktop', () => {
  it('a damaged database: a dialog naming the newest valid backup, and 「バックアップから復元して起動」 starts from it', async () => {
    const userData = userDataDir();
    const dataDir = path.join(userData, 'data');
    const clock = new FakeClock();
    await seedDataDir(dataDir, 2);
    const before = composeApp({ dataDir, clock, logger: silentLogger });
    const backup = await before.backup.backupNow();
    await before.close();
    const fd = openSync(path.join(dataDir, DATABASE_FILE), 'r+');
    writeSync(fd, Buffer.alloc(8192, 0xcd), 0, 8192, 4096);
    closeSync(fd);

    const refused = await startDesktop(userData);
    expect(refused.fake.exitCode).toBe(1); // 終了 (the box's cancel button)
    expect(refused.fake.messageBoxes).toEqual([expect.objectContaining({
      message: '起動できません',
      detail: `データベース（${path.join(dataDir, DATABASE_FILE)}）が破損しています。最新の正常なバックアップ（${backup.fileName}）から復元して起動できます。復元すると、そのバックアップより後の変更は失われます。`,
      buttons: ['バックアップから復元して起動', '終了'],
    })]);

    const d = await desktop(userData, {}, { answers: [0] }); // 「バックアップから復元して起動」
    expect(d.fake.exitCode).toBeNull();
    await vi.waitFor(() => expect(d.fake.messageBoxes.map((m) => m.message)).toEqual(['起動できません', `バックアップ ${backup.fileName} から復元して起動しました。`]));
    const win = d.fake.liveWindows()[0]!;
    await logIn(d, win);
    expect(await d.fake.invoke(win, 'employees.list', { page: 1, pageSize: 20 })).toMatchObject({ ok: true, result: { total: 3 } });
  });

  it('a data folder another server is using, and a database from a newer version: one error box, exit code 1', async () => {
    const userData = userDataDir();
    const dataDir = path.join(userData, 'data');
    await seedDataDir(dataDir, 1);
    const held = takeInstanceLock(dataDir);
    const inUse = await startDesktop(userData);
    held.release();
    expect(inUse.fake.exitCode).toBe(1);
    expect(inUse.fake.errorBoxes).toEqual([{ title: '起動できません', content: expect.stringMatching(/^このデータフォルダーは別のプロセス（PID \d+/) }]);

    const db = new BetterSqlite3(path.join(dataDir, DATABASE_FILE));
    db.pragma('user_version = 999');
    db.close();
    const newer = await startDesktop(userData);
    expect(newer.fake.exitCode).toBe(1);
    expect(newer.fake.errorBoxes[0]?.content).toContain('このバージョンより新しいアプリで作成されています');
  });
});

function hasDesktopFileValidate(): boolean {
  try {
    execFileSync('desktop-file-validate', ['--help'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
