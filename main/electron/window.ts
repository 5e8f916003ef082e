/**
 * The one hardened window factory. Every window of the app comes from here, so the
 * security-relevant webPreferences are decided in one place and cannot be weakened by a
 * caller: they are written after the caller's options.
 */
import {
  app, BrowserWindow, shell, type BrowserWindowConstructorOptions, type WebContents, type WebPreferences,
} from 'electron';
import { APP_INDEX_URL, isAppUrl } from './protocol';

/** Windows created by this factory: the only ones IPC answers and events go to. */
const appWindows = new Set<BrowserWindow>();
/** webContents already guarded (the factory and 'web-contents-created' both ask). */
const guarded = new WeakSet<WebContents>();

export interface AppWindowOptions {
  /** Absolute path of the bundled, sandboxed preload (dist-electron/preload.cjs). */
  preloadPath: string;
  /** Size, title and the like; security-relevant webPreferences are overridden. */
  window?: BrowserWindowConstructorOptions;
}

/** The security-relevant webPreferences of every window; written after anything a caller passes. */
function hardenedPreferences(): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    // DevTools are a development aid; the packaged app has no use for them.
    devTools: !app.isPackaged,
  };
}

export function createAppWindow(opts: AppWindowOptions): BrowserWindow {
  const caller = opts.window ?? {};
  // The default session is the one with the app:// handler and the hardening.
  const { partition: _partition, session: _session, ...callerPreferences } = caller.webPreferences ?? {};
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    autoHideMenuBar: true,
    ...caller,
    webPreferences: {
      ...callerPreferences,
      preload: opts.preloadPath,
      ...hardenedPreferences(),
    },
  });
  appWindows.add(win);
  win.on('closed', () => appWindows.delete(win));
  guardWebContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  win.loadURL(APP_INDEX_URL).catch((e: unknown) => console.error('cannot load the admin screens', String(e)));
  return win;
}

/**
 * A hidden window that only shows one PDF in Chromium's viewer, to print it. Not an app
 * window: no preload, no IPC answered, no events sent; the same hardening, plus `plugins`
 * (the PDF viewer needs it). The caller loads the document and destroys the window.
 */
export function createPrintWindow(parent: BrowserWindow | null): BrowserWindow {
  const win = new BrowserWindow({
    width: 800,
    height: 1100,
    show: false,
    ...(parent && !parent.isDestroyed() ? { parent } : {}),
    webPreferences: { ...hardenedPreferences(), plugins: true },
  });
  guardWebContents(win.webContents);
  return win;
}

/** The live windows this factory made. */
export function listAppWindows(): BrowserWindow[] {
  return [...appWindows].filter((w) => !w.isDestroyed());
}

/** True if `contents` is the page of a window this factory made. */
export function isAppWindowContents(contents: WebContents): boolean {
  for (const w of appWindows) if (!w.isDestroyed() && w.webContents === contents) return true;
  return false;
}

/** Only http(s) URLs leave the app, and only to the system browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

function openExternally(url: string): void {
  if (!isSafeExternalUrl(url)) return;
  void shell.openExternal(new URL(url).href).catch(() => undefined);
}

/**
 * No navigation away from app://focusu, no new windows (http(s) links go to the system
 * browser), no <webview>. Applied to our windows here and to every other webContents by
 * security.ts; idempotent.
 */
export function guardWebContents(contents: WebContents): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
