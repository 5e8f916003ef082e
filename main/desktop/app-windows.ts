/**
 * The one hardened window factory. Every app window comes from here, so the security-relevant
 * webPreferences are decided in one place, and the IPC bridge answers only pages of windows
 * this factory made. BrowserWindow and shell are passed in (electron-api.ts).
 */
import type { DesktopElectron, DesktopWebContents, DesktopWindow, HardenedPreferences } from './electron-api';
import { APP_INDEX_URL, isAppUrl, isSafeExternalUrl } from './url-policy';

/** The security-relevant webPreferences of every window, print windows included. */
export function hardenedPreferences(isPackaged: boolean): HardenedPreferences {
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
    devTools: !isPackaged,
  };
}

/** webContents already guarded (the factory and 'web-contents-created' both ask). */
const guarded = new WeakSet<object>();

/**
 * No navigation away from app://focusu, no new windows (http(s) links go to the system
 * browser, after isSafeExternalUrl), no <webview>. Applied to our windows by the factory and
 * to every other webContents by main/electron/security.ts; idempotent.
 */
export function guardWebContents(contents: DesktopWebContents, openExternal: (url: string) => Promise<void>): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  const stayHome = (event: { url: string; preventDefault(): void }) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-frame-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void openExternal(new URL(url).href).catch(() => undefined);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export interface AppWindowOptions {
  /** absolute path of the bundled, sandboxed preload (dist-electron/preload.cjs) */
  preloadPath: string;
  title: string;
}

export class AppWindows {
  /** windows made here: the only ones IPC answers and events go to */
  private readonly windows = new Set<DesktopWindow>();

  constructor(private readonly electron: Pick<DesktopElectron, 'BrowserWindow' | 'shell'> & { isPackaged: boolean }) {}

  /** The app's window: focused if it is open, made otherwise. */
  openOrFocus(opts: AppWindowOptions): DesktopWindow {
    const [existing] = this.list();
    if (existing) {
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return existing;
    }
    const win = new this.electron.BrowserWindow({
      width: 1280,
      height: 820,
      minWidth: 960,
      minHeight: 600,
      show: false,
      autoHideMenuBar: true,
      title: opts.title,
      webPreferences: { preload: opts.preloadPath, ...hardenedPreferences(this.electron.isPackaged) },
    });
    this.windows.add(win);
    win.on('closed', () => this.windows.delete(win));
    guardWebContents(win.webContents, (url) => this.electron.shell.openExternal(url));
    win.once('ready-to-show', () => win.show());
    win.loadURL(APP_INDEX_URL).catch((e: unknown) => console.error('cannot load the admin screens', String(e)));
    return win;
  }

  list(): DesktopWindow[] {
    return [...this.windows].filter((w) => !w.isDestroyed());
  }

  /** True if `contents` is the page of a window this factory made. */
  owns(contents: unknown): boolean {
    return this.list().some((w) => w.webContents === contents);
  }
}
