/**
 * Desktop mode: only adapts. Everything the desktop app decides — one instance, the same
 * start and stop as headless mode, staying resident in the notification area, quitting with
 * a confirmation, start at login, safeStorage — is in main/desktop/ (electron-free, tested
 * against a fake of the electron API); this file hands it the real one.
 */
import './production-mode'; // first: React and Express read NODE_ENV as they load
import os from 'node:os';
import path from 'node:path';
import {
  app, BrowserWindow, clipboard, dialog, ipcMain, Menu, Notification, powerSaveBlocker, protocol, safeStorage, shell, Tray,
} from 'electron';
import { runDesktop } from './desktop/desktop-app';
import { launchCommand } from './desktop/auto-start';
import type { DesktopEdge } from './desktop/electron-api';
import { createPdfDelivery } from './electron/pdf-delivery';
import { registerAppScheme } from './electron/protocol';
import { hardenDefaultSession, hardenProcess } from './electron/security';
import { appRoot, rendererDistDir, trayIconPath } from './paths';

/** Fixed, ASCII folder name: the same data folder in development and in the packaged app. */
const USER_DATA_FOLDER = 'focus-u-account-issuance';
const PRELOAD_PATH = path.join(appRoot, 'dist-electron', 'preload.cjs');

app.setPath('userData', path.join(app.getPath('appData'), USER_DATA_FOLDER));
registerAppScheme();

// The compiler checks here that the real electron API fits what main/desktop/ expects of it.
const edge: DesktopEdge = {
  app, BrowserWindow, Tray, Menu, Notification, dialog, powerSaveBlocker, safeStorage, clipboard, ipcMain, protocol, shell,
  hardenSession: hardenDefaultSession,
  // the windows main/desktop/ makes are real BrowserWindows: their dialogs are modal to them
  pdfDelivery: (parent) => createPdfDelivery(() => parent() as BrowserWindow | null),
};

if (!hardenProcess()) {
  console.error('The packaged app does not start with debugging switches.');
  app.exit(1);
} else {
  runDesktop({
    edge,
    argv: process.argv,
    platform: process.platform,
    rendererDir: rendererDistDir,
    preloadPath: PRELOAD_PATH,
    trayIcon: trayIconPath,
    configDir: process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'),
    launch: launchCommand({ isPackaged: app.isPackaged, execPath: process.execPath, appPath: app.getAppPath(), appImage: process.env.APPIMAGE }),
  });
  process.once('SIGINT', () => app.quit());
  process.once('SIGTERM', () => app.quit());
}
