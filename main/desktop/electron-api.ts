/**
 * The parts of the electron API the desktop shell uses, as plain structural types. The
 * shell's modules (main/desktop/) receive these at the edge instead of importing electron:
 * main/entry-electron.ts passes the real module (and the compiler checks that it fits), and
 * tests/support/fake-electron.ts a small fake, so the lifecycle of the desktop app runs in Node.
 */
import type { DesktopPdfDelivery } from '../services/pdf/desktop-delivery';

export interface ElectronEvent {
  preventDefault(): void;
}

export interface NavigationEvent extends ElectronEvent {
  url: string;
}

export interface DesktopApp {
  on(event: 'second-instance', listener: (event: ElectronEvent, argv: string[]) => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: ElectronEvent) => void): unknown;
  on(event: 'will-quit', listener: (event: ElectronEvent) => void): unknown;
  whenReady(): Promise<unknown>;
  quit(): void;
  exit(exitCode?: number): void;
  requestSingleInstanceLock(): boolean;
  getPath(name: 'userData' | 'home' | 'temp' | 'appData' | 'documents'): string;
  getLoginItemSettings(options?: { args?: string[] }): { openAtLogin: boolean; wasOpenedAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin?: boolean; args?: string[] }): void;
  /** Windows: notifications are shown under this id */
  setAppUserModelId(id: string): void;
  readonly isPackaged: boolean;
}

export interface SenderFrameMain {
  readonly url: string;
  readonly parent: unknown;
  readonly processId: number;
  readonly routingId: number;
  readonly detached: boolean;
  isDestroyed(): boolean;
}

export interface DesktopWebContents {
  readonly id: number;
  readonly mainFrame: { readonly processId: number; readonly routingId: number };
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: ElectronEvent) => void): unknown;
  once(event: 'destroyed', listener: () => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** The security-relevant webPreferences (main/desktop/app-windows.ts writes them after anything else). */
export interface HardenedPreferences {
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  enableBlinkFeatures: '';
  webviewTag: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  safeDialogs: true;
  devTools: boolean;
}

export interface WindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  autoHideMenuBar: boolean;
  title: string;
  icon?: string;
  webPreferences: HardenedPreferences & { preload: string };
}

export interface DesktopWindow {
  readonly webContents: DesktopWebContents;
  on(event: 'closed', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
  loadURL(url: string): Promise<void>;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  close(): void;
}

export interface IpcInvokeEvent {
  readonly sender: DesktopWebContents;
  readonly senderFrame: SenderFrameMain | null;
}

export interface MenuItemSpec {
  label?: string;
  sublabel?: string;
  toolTip?: string;
  type?: 'normal' | 'separator';
  enabled?: boolean;
  click?: () => void;
}

export interface DesktopTray {
  setToolTip(toolTip: string): void;
  setContextMenu(menu: object | null): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface MessageBoxSpec {
  type?: 'none' | 'info' | 'error' | 'question' | 'warning';
  title?: string;
  message: string;
  detail?: string;
  buttons?: string[];
  defaultId?: number;
  cancelId?: number;
  noLink?: boolean;
}

export interface SafeStorageApi {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux: which store keeps the key ('basic_text' is a fixed key: no better than none) */
  getSelectedStorageBackend(): string;
}

export interface DesktopElectron {
  app: DesktopApp;
  BrowserWindow: new (options: WindowOptions) => DesktopWindow;
  Tray: new (image: string) => DesktopTray;
  Menu: { buildFromTemplate(template: MenuItemSpec[]): object };
  Notification: { new (options: { title: string; body: string }): { show(): void }; isSupported(): boolean };
  dialog: {
    showErrorBox(title: string, content: string): void;
    showMessageBox(options: MessageBoxSpec): Promise<{ response: number }>;
  };
  powerSaveBlocker: { start(type: 'prevent-app-suspension'): number; stop(id: number): unknown; isStarted(id: number): boolean };
  safeStorage: SafeStorageApi;
  clipboard: { writeText(text: string): unknown };
  ipcMain: {
    handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => unknown): void;
    removeHandler(channel: string): void;
  };
  protocol: { handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void };
  shell: { openExternal(url: string): Promise<void> };
}

/** The electron API plus the two pieces of glue that only make sense inside Electron (main/electron/). */
export interface DesktopEdge extends DesktopElectron {
  /** permissions, network and file:// refused for pages (main/electron/security.ts); once the app is ready */
  hardenSession(): void;
  /** the save and print dialogs of a notice (main/electron/pdf-delivery.ts), modal to the app's window */
  pdfDelivery(parent: () => DesktopWindow | null): DesktopPdfDelivery;
}
