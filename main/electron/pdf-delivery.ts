/**
 * The desktop app's delivery of a prepared notice: the save dialog then a durable write,
 * or the system print dialog. The issuance service stores statuses only when this says
 * 'delivered'; 'cancelled' and a thrown AppError change nothing.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app, BrowserWindow, dialog, shell, type DownloadItem, type Event, type SaveDialogOptions, type WebContents,
} from 'electron';
import { ja } from '../../preload/i18n/ja';
import type { Delivery } from '../services/pdf-issuance-service';
import type { DesktopPdfDelivery } from '../services/pdf/desktop-delivery';
import { writePdfFile } from '../services/pdf/write-pdf-file';
import { AppError } from '../services/support/errors';
import { guardWebContents, hardenedPreferences } from '../desktop/app-windows';
import { allowFileForPrint } from './security';

/** How long the print window may take to show the PDF before printing is given up. */
const LOAD_TIMEOUT_MS = 30_000;
/**
 * The viewer attaches its plugin frame after the page itself has loaded; printing before
 * that prints an empty page. Wait for that frame, or this long at most.
 */
const VIEWER_READY_TIMEOUT_MS = 3_000;
const VIEWER_SETTLE_MS = 300;

export function createPdfDelivery(parentWindow: () => BrowserWindow | null): DesktopPdfDelivery {
  const parent = () => {
    const win = parentWindow();
    return win && !win.isDestroyed() ? win : null;
  };
  return {
    async saveToFile(pdf, suggestedName) {
      const options: SaveDialogOptions = {
        defaultPath: path.join(documentsFolder(), suggestedName),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      };
      const win = parent();
      const { canceled, filePath } = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (canceled || !filePath) return 'cancelled';
      await writePdfFile(filePath, pdf);
      return 'delivered';
    },
    print: (pdf) => printPdf(pdf, parent()),
  };
}

/**
 * A hidden window that only shows one PDF in Chromium's viewer, to print it. Not an app
 * window: no preload, no IPC answered, no events sent; the same hardening, plus `plugins`
 * (the PDF viewer needs it). The caller loads the document and destroys the window.
 */
function createPrintWindow(parent: BrowserWindow | null): BrowserWindow {
  const win = new BrowserWindow({
    width: 800,
    height: 1100,
    show: false,
    ...(parent && !parent.isDestroyed() ? { parent } : {}),
    webPreferences: { ...hardenedPreferences(app.isPackaged), plugins: true },
  });
  guardWebContents(win.webContents, (url) => shell.openExternal(url));
  return win;
}

function documentsFolder(): string {
  try {
    return app.getPath('documents');
  } catch {
    // Some Linux desktops define no documents folder.
    return app.getPath('home');
  }
}

/**
 * Writes the notice to a private temporary folder (0700, the file 0600), shows it in a
 * hidden print window, opens the system print dialog, and removes everything afterwards,
 * whatever happened. The window may load that one file and nothing else.
 */
async function printPdf(pdf: Buffer, parent: BrowserWindow | null): Promise<Delivery> {
  const dir = await mkdtemp(path.join(app.getPath('temp'), 'focusu-print-'));
  const file = path.join(dir, 'notice.pdf');
  let win: BrowserWindow | null = null;
  let endAllowance = () => {};
  let stopDownloads = () => {};
  try {
    await writeFile(file, pdf, { mode: 0o600, flag: 'wx' });
    const url = pathToFileURL(file).href;
    win = createPrintWindow(parent);
    const contents = win.webContents;
    endAllowance = allowFileForPrint(contents.id, url);
    stopDownloads = refuseDownloads(contents);
    await loadViewer(contents, url);
    return await printContents(contents);
  } finally {
    endAllowance();
    stopDownloads();
    if (win && !win.isDestroyed()) win.destroy();
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * Without a working PDF viewer Chromium would offer the file as a download instead: that
 * must not put a copy of the notice anywhere, so the print window downloads nothing.
 */
function refuseDownloads(contents: WebContents): () => void {
  const ses = contents.session;
  const onDownload = (event: Event, _item: DownloadItem, from: WebContents) => {
    if (from === contents) event.preventDefault();
  };
  ses.on('will-download', onDownload);
  return () => ses.removeListener('will-download', onDownload);
}

/** Loads the PDF, then waits until the viewer's frame is there (see VIEWER_READY_TIMEOUT_MS). */
async function loadViewer(contents: WebContents, url: string): Promise<void> {
  let viewerFrameLoaded = false;
  const onFrameLoad = (_e: Event, isMainFrame: boolean) => {
    if (!isMainFrame) viewerFrameLoaded = true;
  };
  contents.on('did-frame-finish-load', onFrameLoad);
  try {
    await withTimeout(contents.loadURL(url), LOAD_TIMEOUT_MS);
    const deadline = Date.now() + VIEWER_READY_TIMEOUT_MS;
    while (!viewerFrameLoaded && Date.now() < deadline && !contents.isDestroyed()) await sleep(100);
    await sleep(VIEWER_SETTLE_MS);
  } catch {
    throw new AppError('INTERNAL', ja.issue.printFailed(ja.issue.printFailureReason.notLoaded));
  } finally {
    if (!contents.isDestroyed()) contents.removeListener('did-frame-finish-load', onFrameLoad);
  }
}

/** The system print dialog; 'delivered' once the job was handed to the printer. */
function printContents(contents: WebContents): Promise<Delivery> {
  return new Promise((resolve, reject) => {
    const onGone = () => reject(new AppError('INTERNAL', ja.issue.printFailed(ja.issue.printFailureReason.crashed)));
    contents.once('render-process-gone', onGone);
    contents.print({ silent: false, printBackground: true }, (success, failureReason) => {
      if (!contents.isDestroyed()) contents.removeListener('render-process-gone', onGone);
      if (success) resolve('delivered');
      // Electron reports a cancelled dialog as "Print job canceled" (older versions: "cancelled").
      else if (/cancel/i.test(failureReason)) resolve('cancelled');
      else reject(new AppError('INTERNAL', ja.issue.printFailed(describeFailure(failureReason))));
    });
  });
}

function describeFailure(reason: string): string {
  if (/invalid printer settings/i.test(reason)) return ja.issue.printFailureReason.invalidSettings;
  if (/failed/i.test(reason) || reason.trim() === '') return ja.issue.printFailureReason.failed;
  return reason;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
