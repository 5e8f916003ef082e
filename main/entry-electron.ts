/**
 * Desktop mode: the same services as headless mode, the admin screens in one hardened
 * window over IPC, the employees' pages on the LAN. A portal that cannot listen is a
 * dialog, not the end of the app: the admin screens stay usable to fix the port.
 */
import './production-mode'; // first: React and Express read NODE_ENV as they load
import path from 'node:path';
import { app, dialog } from 'electron';
import { ja } from '../preload/i18n/ja';
import { DatabaseFromFutureError } from '../db/database';
import { composeApp, type App } from './composition';
import { DataFolderInUseError } from './services/support/instance-lock';
import { installIpc } from './electron/ipc';
import { createPdfDelivery } from './electron/pdf-delivery';
import { registerAppScheme, serveRenderer } from './electron/protocol';
import { hardenDefaultSession, hardenProcess } from './electron/security';
import { createAppWindow, listAppWindows } from './electron/window';
import { ListenError } from './net/listen';
import { PortalTlsError } from './services/portal-tls';
import { appRoot, rendererDistDir } from './paths';

/** Fixed, ASCII folder name: the same data folder in development and in the packaged app. */
const USER_DATA_FOLDER = 'focus-u-account-issuance';
const PRELOAD_PATH = path.join(appRoot, 'dist-electron', 'preload.cjs');

let core: App | null = null;
let disposeIpc: (() => void) | null = null;
let quitting = false;
let shutdown: 'running' | 'closing' | 'closed' = 'running';

function showError(message: string): void {
  dialog.showErrorBox(ja.app.productName, message);
}

function openOrFocusWindow(): void {
  const [existing] = listAppWindows();
  if (existing) {
    if (existing.isMinimized()) existing.restore();
    existing.focus();
    return;
  }
  createAppWindow({ preloadPath: PRELOAD_PATH, window: { title: ja.app.productName } });
}

async function start(): Promise<void> {
  hardenDefaultSession();
  const dataDir = path.join(app.getPath('userData'), 'data');
  try {
    // Notices are saved and printed through the app's window (its dialogs are modal to it).
    core = composeApp({ dataDir, desktop: createPdfDelivery(() => listAppWindows()[0] ?? null) });
  } catch (e) {
    // the folder in use: a headless server runs on it (another desktop instance is caught by the single-instance lock)
    showError(e instanceof DataFolderInUseError ? e.message
      : e instanceof DatabaseFromFutureError ? ja.cli.databaseFromFuture(dataDir) : ja.cli.dataDirUnwritable(dataDir));
    app.exit(1);
    return;
  }
  const services = core;
  serveRenderer(rendererDistDir);
  disposeIpc = installIpc({
    dispatcher: services.dispatcher,
    events: services.events,
    logger: services.logger,
    endSession: (sessionId) => services.auth.logout(sessionId),
  });
  openOrFocusWindow();

  try {
    await services.startPortal();
  } catch (e) {
    services.logger.warn('portal not started', { error: String(e) });
    showError(portalFailureMessage(e));
  }
}

function portalFailureMessage(e: unknown): string {
  // the window is open: the settings screen shows the problem and the way out
  if (e instanceof PortalTlsError) return ja.cli.portalTlsProblem(ja.tls.problem[e.problem]);
  if (!(e instanceof ListenError)) return ja.errors.internal;
  if (e.reason === 'inUse') return ja.cli.portInUse(ja.cli.portalServer, e.port);
  if (e.reason === 'unavailable') return ja.cli.addressUnavailable(ja.cli.portalServer, e.host);
  return ja.errors.internal;
}

/** Closes the portal and the database once every window is gone, then lets the app quit. */
function closeServicesThenQuit(event: Electron.Event): void {
  if (shutdown === 'closed' || !core) return;
  event.preventDefault();
  if (shutdown === 'closing') return;
  shutdown = 'closing';
  disposeIpc?.();
  disposeIpc = null;
  core
    .close()
    .catch((e: unknown) => console.error('error while closing', e))
    .finally(() => {
      shutdown = 'closed';
      app.quit();
    });
}

app.setPath('userData', path.join(app.getPath('appData'), USER_DATA_FOLDER));
registerAppScheme();

if (!hardenProcess()) {
  console.error('The packaged app does not start with debugging switches.');
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
  // Another instance owns the database and the portal port: it gets focused instead.
  app.quit();
} else {
  const reopen = () => {
    if (app.isReady() && core && !quitting) openOrFocusWindow();
  };
  app.on('second-instance', reopen);
  app.on('activate', reopen);
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    // From here on no window is opened again by 'activate' or 'second-instance'.
    quitting = true;
  });
  app.on('will-quit', closeServicesThenQuit);
  process.once('SIGINT', () => app.quit());
  process.once('SIGTERM', () => app.quit());

  app.whenReady().then(start).catch((e: unknown) => {
    console.error('startup failed', e);
    showError(ja.errors.internal);
    app.exit(1);
  });
}
