/**
 * Process- and session-wide hardening, on top of what the window factory sets per window:
 * every renderer sandboxed, every webContents guarded, every permission denied, no network
 * access for pages (the admin screens are local files; the LAN portal is served by Node),
 * no file:// (except a print window's own notice, see allowFileForPrint).
 */
import { app, session, shell, type Session } from 'electron';
import { guardWebContents } from '../desktop/app-windows';

/** Switches that open a debugger into the process; refused in the packaged app. */
const DEBUG_SWITCHES = [
  'remote-debugging-port', 'remote-debugging-pipe', 'remote-debugging-address', 'remote-allow-origins',
  'inspect', 'inspect-brk', 'inspect-port', 'inspect-publish-uid', 'js-flags',
] as const;

/** Requests pages must never make: http(s)/ws(s) to anywhere, and file:// reads. */
const BLOCKED_URLS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file://*/*'];

const hardenedSessions = new WeakSet<Session>();

/**
 * The one exception to the file:// ban: a print window may load exactly its own notice
 * (a private temporary file), nothing else, and only while printing.
 */
const allowedFiles = new Map<number, string>();

/** Lets the webContents `webContentsId` load `fileUrl`; returns the function that ends it. */
export function allowFileForPrint(webContentsId: number, fileUrl: string): () => void {
  allowedFiles.set(webContentsId, fileUrl);
  return () => {
    if (allowedFiles.get(webContentsId) === fileUrl) allowedFiles.delete(webContentsId);
  };
}

function isAllowedFile(details: { url: string; webContentsId?: number }): boolean {
  return details.webContentsId !== undefined && details.url.startsWith('file:')
    && allowedFiles.get(details.webContentsId) === details.url;
}

/**
 * Must run before the app is ready. Returns false when the packaged app was started with a
 * debugging switch: the caller then quits instead of starting with a debugger attached.
 */
export function hardenProcess(): boolean {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, (url) => shell.openExternal(url)));
  app.on('session-created', (ses) => hardenSession(ses));
  if (!app.isPackaged) return true;
  const found = DEBUG_SWITCHES.filter((s) => app.commandLine.hasSwitch(s));
  for (const s of found) app.commandLine.removeSwitch(s);
  return found.length === 0;
}

/** Call once the app is ready (the default session exists only then); idempotent. */
export function hardenDefaultSession(): void {
  hardenSession(session.defaultSession);
}

export function hardenSession(ses: Session): void {
  if (hardenedSessions.has(ses)) return;
  hardenedSessions.add(ses);
  // Camera, notifications, clipboard reads, geolocation, HID, serial, USB …: none needed.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest({ urls: BLOCKED_URLS }, (details, callback) => callback({ cancel: !isAllowedFile(details) }));
}
