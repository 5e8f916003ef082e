/**
 * The desktop app's life: one instance, started through the same lifecycle as headless mode
 * (main/lifecycle.ts), resident in the notification area. Closing the window keeps the
 * employees' pages running (the first time, a notification says so); the tray's 「終了」 asks
 * first and then stops everything in order; a second start opens the window of the first; a
 * start at login opens no window. The electron API comes in as `edge` (electron-api.ts), so
 * tests/integration/desktop-lifecycle.test.ts runs all of this against a fake of it.
 */
import path from 'node:path';
import { ja } from '../../preload/i18n/ja';
import { DATABASE_FILE, type CompositionOptions, type PortalOverrides } from '../composition';
import { startLifecycle, type Lifecycle } from '../lifecycle';
import { restoreBeforeOpen } from '../services/backup-service';
import { consoleLogger } from '../services/support/logger';
import { StartupFailure } from '../startup-failure';
import { serveRenderer } from './app-protocol';
import { AppWindows } from './app-windows';
import { autoStartFor, HIDDEN_ARG, startedAtLogin } from './auto-start';
import { readDesktopState, writeDesktopState } from './desktop-state';
import type { DesktopEdge } from './electron-api';
import { installIpc } from './ipc-bridge';
import { PowerGuard } from './power';
import { desktopSecretBox } from './safe-storage-box';
import { employeeUrl, ResidentTray } from './tray';

/** Windows shows notifications under the app's id (electron-builder.yml appId). */
export const APP_USER_MODEL_ID = 'jp.focusu.timerecorder.accountissuance';
const STATE_FILE = 'desktop-state.json';

export interface DesktopOptions {
  edge: DesktopEdge;
  argv: readonly string[];
  platform: NodeJS.Platform;
  rendererDir: string;
  preloadPath: string;
  trayIcon: string;
  /** $XDG_CONFIG_HOME or ~/.config: where a Linux desktop finds autostart entries */
  configDir: string;
  /** the command a login runs to start this app (auto-start.ts launchCommand) */
  launch: string[];
  /** tests: a clock, a quiet logger, an injected network */
  compose?: Pick<CompositionOptions, 'clock' | 'logger' | 'network'>;
  /** tests: where the portal listens (the stored settings otherwise) */
  portal?: PortalOverrides;
}

export interface DesktopRun {
  /** settles once the start is over: running, or refused (and app.exit(1) called) */
  started: Promise<void>;
  /** the running services, once started */
  lifecycle(): Lifecycle | null;
}

type Phase = 'starting' | 'running' | 'stopping' | 'stopped';

export function runDesktop(o: DesktopOptions): DesktopRun {
  const { app, dialog } = o.edge;
  if (!app.requestSingleInstanceLock()) {
    // the first instance owns the data folder and the portal's port; it opens its window instead
    app.quit();
    return { started: Promise.resolve(), lifecycle: () => null };
  }
  const logger = o.compose?.logger ?? consoleLogger();
  const windows = new AppWindows({ BrowserWindow: o.edge.BrowserWindow, shell: o.edge.shell, isPackaged: app.isPackaged });
  const userData = app.getPath('userData');
  const dataDir = path.join(userData, 'data');
  const stateFile = path.join(userData, STATE_FILE);
  const power = new PowerGuard(o.edge.powerSaveBlocker);
  let phase: Phase = 'starting';
  let lifecycle: Lifecycle | null = null;
  let tray: ResidentTray | null = null;
  let unsubscribe = () => {};

  const openWindow = () => {
    if (phase === 'running') windows.openOrFocus({ preloadPath: o.preloadPath, title: ja.app.productName });
  };

  const notify = (title: string, body: string) => {
    if (o.edge.Notification.isSupported()) new o.edge.Notification({ title, body }).show();
    else void dialog.showMessageBox({ type: 'info', title: ja.app.productName, message: title, detail: body });
  };

  /** The first time the window closes: the employees' pages keep running, and how to quit. */
  const tellOnceItKeepsRunning = () => {
    if (readDesktopState(stateFile).residentNoticeShown) return;
    try {
      writeDesktopState(stateFile, { residentNoticeShown: true });
    } catch (e) {
      logger.warn('desktop state not saved', { error: String(e) });
    }
    notify(ja.desktop.residentTitle, `${ja.desktop.residentNotice}\n${ja.desktop.residentHow}`);
  };

  const confirmQuit = async () => {
    const { response } = await dialog.showMessageBox({
      type: 'warning', title: ja.app.productName, message: ja.desktop.quitTitle, detail: ja.desktop.quitWarning,
      buttons: [ja.desktop.quitOk, ja.desktop.quitCancel], defaultId: 1, cancelId: 1, noLink: true,
    });
    if (response === 0) app.quit();
  };

  const copy = (url: string) => {
    void Promise.resolve(o.edge.clipboard.writeText(url)).then(
      () => notify(ja.app.productName, ja.desktop.urlCopied(url)),
      (e: unknown) => logger.warn('clipboard refused', { error: String(e) }),
    );
  };

  app.on('second-instance', (_event, argv) => {
    // a second start at login while running: nothing to open
    if (!argv.includes(HIDDEN_ARG)) openWindow();
  });
  app.on('activate', openWindow);
  // Listening is what keeps the app running without a window (Electron quits by default).
  app.on('window-all-closed', () => {
    if (phase === 'running') tellOnceItKeepsRunning();
  });
  // Every quit (the tray's 「終了」, the OS logging out, SIGTERM) stops the services in order first.
  app.on('will-quit', (event) => {
    if (phase === 'stopped' || !lifecycle) return;
    event.preventDefault();
    if (phase === 'stopping') return;
    phase = 'stopping';
    const running = lifecycle;
    unsubscribe();
    tray?.destroy();
    tray = null;
    power.stop();
    running.stop()
      .catch((e: unknown) => logger.error('error while stopping', { error: String(e) }))
      .finally(() => {
        phase = 'stopped';
        app.quit();
      });
  });

  async function start(): Promise<void> {
    o.edge.hardenSession();
    if (o.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
    serveRenderer(o.edge.protocol, o.rendererDir);
    const autoStart = autoStartFor({ platform: o.platform, app, configDir: o.configDir, launch: o.launch });
    const hidden = startedAtLogin(o.argv, o.platform, app);
    const now = () => o.compose?.clock?.now() ?? Date.now();
    let restore = false;
    let restoredFrom: string | null = null;
    for (;;) {
      try {
        lifecycle = await startLifecycle({
          compose: {
            ...o.compose,
            dataDir,
            holder: 'desktop', // a server started on this folder names the desktop app, and the other way round
            desktop: o.edge.pdfDelivery(() => windows.list()[0] ?? null),
            secrets: desktopSecretBox(o.edge.safeStorage, o.platform, dataDir),
            autoStart: autoStart ?? undefined,
            // 「バックアップから復元して起動」: the same check and carry-over as headless --restore-backup latest
            beforeOpen: restore
              ? () => {
                restoredFrom = restoreBeforeOpen({
                  dataDir, databaseFile: path.join(dataDir, DATABASE_FILE), which: 'latest', now: now(), notice: (line) => logger.warn(line),
                });
              }
              : undefined,
          },
          portal: o.portal,
          portalListenFailure: 'report',
          async admin(services) {
            const dispose = installIpc({
              ipcMain: o.edge.ipcMain, windows, dispatcher: services.dispatcher, events: services.events, logger: services.logger,
              endSession: (sessionId) => services.auth.logout(sessionId),
            });
            return { stop: dispose };
          },
        });
        break;
      } catch (e) {
        if (!(e instanceof StartupFailure)) throw e;
        if (!restore && e.kind === 'databaseDamaged' && e.newestBackup) {
          const { response } = await dialog.showMessageBox({
            type: 'error', title: ja.app.productName, message: ja.desktop.startFailedTitle, detail: e.messageFor('desktop'),
            buttons: [ja.desktop.restoreAndStart, ja.desktop.quit], defaultId: 0, cancelId: 1, noLink: true,
          });
          if (response === 0) {
            restore = true;
            continue;
          }
        } else {
          dialog.showErrorBox(ja.desktop.startFailedTitle, e.messageFor('desktop'));
        }
        phase = 'stopped';
        app.exit(1);
        return;
      }
    }
    const running = lifecycle;
    phase = 'running';
    tray = new ResidentTray(o.edge, o.trayIcon, { open: openWindow, copy, quit: () => void confirmQuit() });
    const refresh = () => {
      const settings = running.app.settings.get();
      tray?.show(employeeUrl(settings));
      power.sync(settings.portalRunningUrl !== null);
    };
    refresh();
    // a portal its certificate kept down starts later: the menu and the power request follow
    unsubscribe = running.app.events.subscribe((m) => {
      if (m.event === 'settingsChanged' && phase === 'running') refresh();
    });
    if (!hidden) openWindow();
    if (restoredFrom) void dialog.showMessageBox({ type: 'info', title: ja.app.productName, message: ja.desktop.restored(restoredFrom) });
    if (!running.portal.running) {
      void dialog.showMessageBox({
        type: 'warning', title: ja.app.productName, message: ja.desktop.portalNotStartedTitle, detail: running.portal.failure.messageFor('desktop'),
      });
    }
  }

  const started = app.whenReady().then(start).catch((e: unknown) => {
    logger.error('startup failed', { error: String(e) });
    dialog.showErrorBox(ja.desktop.startFailedTitle, ja.errors.internal);
    phase = 'stopped';
    app.exit(1);
  });
  return { started, lifecycle: () => lifecycle };
}
