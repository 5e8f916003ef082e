/**
 * A small fake of the electron API (main/desktop/electron-api.ts), enough to run the desktop
 * app's lifecycle in Node: an app that quits the way Electron does (before-quit, windows
 * closed, will-quit — each may be prevented — then quit; and quits by itself when the last
 * window closes and nobody listens to 'window-all-closed'), windows with a webContents and a
 * main frame, IPC that can be invoked as a window's page would, a tray whose menu items can be
 * clicked, dialogs answered from a queue, and a timeline of what happened, in order.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type {
  DesktopEdge, DesktopTray, DesktopWebContents, DesktopWindow, ElectronEvent, IpcInvokeEvent, MenuItemSpec, MessageBoxSpec,
  NavigationEvent, SenderFrameMain, WindowOptions,
} from '../../main/desktop/electron-api';
import type { DesktopPdfDelivery } from '../../main/services/pdf/desktop-delivery';
import { IPC_CALL_CHANNEL } from '../../preload/contract';

type Listener = (...args: never[]) => unknown;

class Emitter {
  private readonly listeners = new Map<string, { fn: Listener; once: boolean }[]>();
  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: false }]);
    return this;
  }
  once(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: true }]);
    return this;
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
  emit(event: string, ...args: unknown[]): void {
    const list = this.listeners.get(event) ?? [];
    this.listeners.set(event, list.filter((l) => !l.once));
    for (const l of list) (l.fn as (...a: unknown[]) => unknown)(...args);
  }
}

function preventable(): ElectronEvent & { prevented: boolean } {
  return { prevented: false, preventDefault() { this.prevented = true; } };
}

let nextContentsId = 1;

/** A page's top frame: it shows what its webContents shows. */
class FakeFrame implements SenderFrameMain {
  readonly parent = null;
  readonly routingId = 1;
  readonly detached = false;
  constructor(private readonly contents: FakeWebContents) {}
  get url(): string { return this.contents.url; }
  get processId(): number { return 100 + this.contents.id; }
  isDestroyed(): boolean { return this.contents.destroyed; }
}

export class FakeWebContents extends Emitter implements DesktopWebContents {
  readonly id = nextContentsId++;
  url = '';
  destroyed = false;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  readonly mainFrame: SenderFrameMain = new FakeFrame(this);
  isDestroyed(): boolean { return this.destroyed; }
  getURL(): string { return this.url; }
  send(channel: string, ...args: unknown[]): void { this.sent.push({ channel, args }); }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void { this.openHandler = handler; }
  /** a navigation the page asks for; true when it was let through */
  navigate(url: string): boolean {
    const e: NavigationEvent & { prevented: boolean } = { url, ...preventable() };
    this.emit('will-navigate', e);
    return !e.prevented;
  }
}

export class FakeWindow extends Emitter implements DesktopWindow {
  readonly webContents = new FakeWebContents();
  visible = false;
  focused = false;
  minimized = false;
  destroyed = false;

  constructor(readonly options: WindowOptions, private readonly electron: FakeElectron) {
    super();
    electron.windows.push(this);
    electron.log(`window.open`);
  }
  async loadURL(url: string): Promise<void> {
    this.webContents.url = url;
    queueMicrotask(() => this.emit('ready-to-show'));
  }
  show(): void { this.visible = true; }
  focus(): void { this.focused = true; }
  restore(): void { this.minimized = false; }
  isMinimized(): boolean { return this.minimized; }
  isDestroyed(): boolean { return this.destroyed; }
  /** the user closes the window (or the app does while quitting) */
  close(): void {
    if (this.destroyed) return;
    const e = preventable();
    this.emit('close', e);
    if (e.prevented) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroyed = true;
    this.webContents.emit('destroyed');
    this.emit('closed');
    this.electron.log('window.closed');
    if (!this.electron.quitting && this.electron.liveWindows().length === 0) this.electron.allWindowsClosed();
  }
}

export class FakeTray extends Emitter implements DesktopTray {
  toolTip = '';
  menu: MenuItemSpec[] = [];
  destroyed = false;
  constructor(readonly image: string, private readonly electron: FakeElectron) {
    super();
    electron.trays.push(this);
  }
  setToolTip(toolTip: string): void { this.toolTip = toolTip; }
  setContextMenu(menu: object | null): void { this.menu = (menu as { items: MenuItemSpec[] } | null)?.items ?? []; }
  destroy(): void {
    this.destroyed = true;
    this.electron.log('tray.destroy');
  }
  labels(): string[] {
    return this.menu.filter((i) => i.type !== 'separator').map((i) => i.label ?? '');
  }
  /** clicks the menu item whose label starts with `label` */
  clickItem(label: string): void {
    const item = this.menu.find((i) => i.label?.startsWith(label));
    if (!item) throw new Error(`no tray menu item ${label} in ${JSON.stringify(this.labels())}`);
    if (item.enabled === false) throw new Error(`tray menu item ${label} is disabled`);
    item.click?.();
  }
}

export interface FakeElectronOptions {
  userData: string;
  /** false: another instance holds the single-instance lock */
  singleInstance?: boolean;
  notificationsSupported?: boolean;
  safeStorage?: { available: boolean; backend?: string };
  /** answers to the message boxes, in order */
  answers?: number[];
}

export class FakeElectron implements DesktopEdge {
  readonly timeline: string[] = [];
  readonly windows: FakeWindow[] = [];
  readonly trays: FakeTray[] = [];
  readonly notifications: { title: string; body: string }[] = [];
  readonly messageBoxes: MessageBoxSpec[] = [];
  readonly errorBoxes: { title: string; content: string }[] = [];
  readonly clipboardText: string[] = [];
  readonly openedExternally: string[] = [];
  /** answers to showMessageBox, in order; without one, the box's cancelId (or 0) */
  readonly answers: number[] = [];
  readonly loginItems: { openAtLogin?: boolean; args?: string[] }[] = [];
  readonly powerBlocks = new Map<number, string>();
  quitting = false;
  exitCode: number | null = null;
  readonly exited: Promise<number>;
  private resolveExit!: (code: number) => void;
  readonly appEvents = new Emitter();
  private ipcHandlers = new Map<string, (event: IpcInvokeEvent, ...args: unknown[]) => unknown>();
  private protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  private nextBlock = 1;
  private readonly storageKey = randomBytes(32);
  readonly notificationsSupported: boolean;

  constructor(readonly o: FakeElectronOptions) {
    this.notificationsSupported = o.notificationsSupported ?? true;
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
    this.answers.push(...(o.answers ?? []));
  }

  log(what: string): void {
    this.timeline.push(what);
  }

  liveWindows(): FakeWindow[] {
    return this.windows.filter((w) => !w.destroyed);
  }

  get tray(): FakeTray | undefined {
    return this.trays.filter((t) => !t.destroyed).at(-1);
  }

  /** Electron: with no 'window-all-closed' listener the app quits when its last window closes. */
  allWindowsClosed(): void {
    this.log('window-all-closed');
    if (this.appEvents.listenerCount('window-all-closed') === 0) this.app.quit();
    else this.appEvents.emit('window-all-closed');
  }

  /** another start of the app, as Electron reports it to the first instance */
  secondInstance(argv: string[]): void {
    this.appEvents.emit('second-instance', preventable(), argv);
  }

  /** a call from a window's page, as the preload sends it */
  async invoke(win: FakeWindow, method: string, input: unknown = {}, frame: SenderFrameMain = win.webContents.mainFrame): Promise<unknown> {
    const handler = this.ipcHandlers.get(IPC_CALL_CHANNEL);
    if (!handler) throw new Error('no IPC handler');
    return handler({ sender: win.webContents, senderFrame: frame }, method, input);
  }

  hasIpcHandler(): boolean {
    return this.ipcHandlers.has(IPC_CALL_CHANNEL);
  }

  /** a request of the window's page to the app:// scheme */
  async fetchApp(url: string): Promise<Response> {
    const handler = this.protocolHandlers.get('app');
    if (!handler) throw new Error('app:// is not served');
    return handler(new Request(url));
  }

  finishExit(code: number): void {
    if (this.exitCode !== null) return;
    this.exitCode = code;
    this.log(`exit ${code}`);
    this.resolveExit(code);
  }

  readonly app: DesktopEdge['app'] = fakeApp(this);

  readonly BrowserWindow: new (options: WindowOptions) => FakeWindow = windowClass(this);

  readonly Tray: new (image: string) => FakeTray = trayClass(this);

  readonly Menu = { buildFromTemplate: (items: MenuItemSpec[]) => ({ items }) };

  readonly Notification: DesktopEdge['Notification'] = notificationClass(this);

  readonly dialog = {
    showErrorBox: (title: string, content: string) => {
      this.errorBoxes.push({ title, content });
      this.log('errorBox');
    },
    showMessageBox: async (options: MessageBoxSpec) => {
      this.messageBoxes.push(options);
      this.log(`messageBox ${options.message}`);
      return { response: this.answers.shift() ?? options.cancelId ?? 0 };
    },
  };

  readonly powerSaveBlocker = {
    start: (type: 'prevent-app-suspension') => {
      const id = this.nextBlock++;
      this.powerBlocks.set(id, type);
      this.log('power.start');
      return id;
    },
    stop: (id: number) => {
      this.log('power.stop');
      return this.powerBlocks.delete(id);
    },
    isStarted: (id: number) => this.powerBlocks.has(id),
  };

  /** AES-GCM under a key of this fake: what the OS keychain would do, and never the plain text */
  readonly safeStorage = {
    isEncryptionAvailable: () => this.o.safeStorage?.available ?? true,
    getSelectedStorageBackend: () => this.o.safeStorage?.backend ?? 'gnome_libsecret',
    encryptString: (plain: string) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', this.storageKey, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString: (sealed: Buffer) => {
      const d = createDecipheriv('aes-256-gcm', this.storageKey, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8');
    },
  };

  readonly clipboard = {
    writeText: async (text: string) => {
      this.clipboardText.push(text);
    },
  };

  readonly ipcMain = {
    handle: (channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => unknown) => {
      if (this.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
      this.ipcHandlers.set(channel, listener);
    },
    removeHandler: (channel: string) => {
      this.ipcHandlers.delete(channel);
      this.log('ipc.removeHandler');
    },
  };

  readonly protocol = {
    handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>) => {
      if (this.protocolHandlers.has(scheme)) throw new Error(`scheme ${scheme} is already handled`);
      this.protocolHandlers.set(scheme, handler);
    },
  };

  readonly shell = {
    openExternal: async (url: string) => {
      this.openedExternally.push(url);
    },
  };

  hardenSession(): void {
    this.log('hardenSession');
  }

  pdfDelivery(): DesktopPdfDelivery {
    return { saveToFile: async () => 'cancelled', print: async () => 'cancelled' };
  }
}

function fakeApp(fake: FakeElectron): DesktopEdge['app'] {
  return {
    isPackaged: false,
    on(event: string, listener: Listener) {
      fake.appEvents.on(event, listener);
      return this;
    },
    whenReady: () => Promise.resolve(),
    quit() {
      if (fake.exitCode !== null) return;
      fake.log('quit');
      const before = preventable();
      fake.appEvents.emit('before-quit', before);
      if (before.prevented) return;
      fake.quitting = true;
      for (const w of fake.liveWindows()) w.close();
      const will = preventable();
      fake.log('will-quit');
      fake.appEvents.emit('will-quit', will);
      if (will.prevented) {
        fake.log('will-quit prevented');
        return;
      }
      fake.finishExit(0);
    },
    exit(code = 0) {
      fake.finishExit(code);
    },
    requestSingleInstanceLock: () => fake.o.singleInstance ?? true,
    getPath(name: string) {
      if (name === 'userData') return fake.o.userData;
      return fake.o.userData + `/../${name}`;
    },
    getLoginItemSettings(options?: { args?: string[] }) {
      const last = fake.loginItems.at(-1);
      const argsMatch = JSON.stringify(last?.args ?? []) === JSON.stringify(options?.args ?? []);
      return { openAtLogin: (last?.openAtLogin ?? false) && argsMatch, wasOpenedAtLogin: false };
    },
    setLoginItemSettings(settings: { openAtLogin?: boolean; args?: string[] }) {
      fake.loginItems.push(settings);
    },
    setAppUserModelId() {},
  } as DesktopEdge['app'];
}


function windowClass(fake: FakeElectron): new (options: WindowOptions) => FakeWindow {
  return class extends FakeWindow {
    constructor(options: WindowOptions) {
      super(options, fake);
    }
  };
}

function trayClass(fake: FakeElectron): new (image: string) => FakeTray {
  return class extends FakeTray {
    constructor(image: string) {
      super(image, fake);
    }
  };
}

function notificationClass(fake: FakeElectron): DesktopEdge['Notification'] {
  return class {
    static isSupported(): boolean {
      return fake.notificationsSupported;
    }
    constructor(private readonly options: { title: string; body: string }) {}
    show(): void {
      fake.notifications.push(this.options);
      fake.log('notification');
    }
  };
}
