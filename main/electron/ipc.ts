/**
 * The contract over Electron IPC: one invoke channel into the dispatcher, one push channel
 * for events. Only the main frame of a window we created, showing app://focusu, is
 * answered. The admin session belongs to the window (its webContents), like a cookie
 * belongs to a browser tab on the loopback bridge.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import type { CallContext, CallOutcome, Dispatcher } from '../api/dispatcher';
import type { EventBus } from '../services/support/event-bus';
import type { Logger } from '../services/support/logger';
import { APP_ORIGIN, isAppUrl } from './protocol';
import { isAppWindowContents, listAppWindows } from './window';

export interface IpcOptions {
  dispatcher: Dispatcher;
  events: EventBus;
  logger: Logger;
  /** Ends an admin session whose window is gone. */
  endSession(sessionId: string): void;
}

const refused: CallOutcome = { ok: false, error: { code: 'FORBIDDEN', message: ja.errors.unauthorized } };

/** The sender is the top frame of one of our windows and shows our origin. */
export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.isDestroyed() || frame.detached) return false;
  if (!frame.url.startsWith(`${APP_ORIGIN}/`) || !isAppUrl(frame.url)) return false;
  if (frame.parent !== null) return false;
  const top = event.sender.mainFrame;
  if (frame.processId !== top.processId || frame.routingId !== top.routingId) return false;
  return isAppWindowContents(event.sender);
}

/** Installs the handler and the event forwarding; returns the function that removes both. */
export function installIpc(opts: IpcOptions): () => void {
  const sessions = new Map<number, string | null>();

  const track = (event: IpcMainInvokeEvent): number => {
    const id = event.sender.id;
    if (!sessions.has(id)) {
      sessions.set(id, null);
      event.sender.once('destroyed', () => {
        const sessionId = sessions.get(id);
        sessions.delete(id);
        if (sessionId) opts.endSession(sessionId);
      });
    }
    return id;
  };

  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, input: unknown): Promise<CallOutcome> => {
    if (!isTrustedSender(event)) {
      opts.logger.warn('IPC call refused: unexpected sender', { url: String(event.senderFrame?.url ?? '').slice(0, 200) });
      return refused;
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'VALIDATION', message: ja.validation.invalidInput } };
    }
    const id = track(event);
    const ctx: CallContext = {
      sessionId: sessions.get(id) ?? null,
      setSession(sessionId) {
        this.sessionId = sessionId;
        if (sessions.has(id)) sessions.set(id, sessionId);
        else if (sessionId) opts.endSession(sessionId); // the window closed during the call
      },
    };
    return opts.dispatcher.dispatch(method, input, ctx);
  });

  const unsubscribe = opts.events.subscribe((message) => {
    for (const win of listAppWindows()) {
      const contents = win.webContents;
      if (!contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(IPC_EVENT_CHANNEL, message);
    }
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
  };
}
