/**
 * The contract over Electron IPC: one invoke channel into the dispatcher, one push channel
 * for events. Only the top frame of a window the factory made, showing app://focusu, is
 * answered (trusted-sender.ts). The admin session belongs to the window (its webContents),
 * like a cookie to a browser tab on the loopback bridge: closing the window ends it.
 */
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import type { CallContext, CallOutcome, Dispatcher } from '../api/dispatcher';
import type { EventBus } from '../services/support/event-bus';
import type { Logger } from '../services/support/logger';
import type { AppWindows } from './app-windows';
import type { DesktopElectron, IpcInvokeEvent } from './electron-api';
import { isTrustedSender } from './trusted-sender';
import { isAppUrl } from './url-policy';

export interface IpcOptions {
  ipcMain: DesktopElectron['ipcMain'];
  windows: AppWindows;
  dispatcher: Dispatcher;
  events: EventBus;
  logger: Logger;
  /** ends an admin session whose window is gone */
  endSession(sessionId: string): void;
}

const refused: CallOutcome = { ok: false, error: { code: 'FORBIDDEN', message: ja.errors.unauthorized } };

/** Installs the handler and the event forwarding; returns the function that removes both. */
export function installIpc(opts: IpcOptions): () => void {
  const sessions = new Map<number, string | null>();

  const track = (event: IpcInvokeEvent): number => {
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

  opts.ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, input: unknown): Promise<CallOutcome> => {
    if (!isTrustedSender(event, (sender) => opts.windows.owns(sender))) {
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
    for (const win of opts.windows.list()) {
      const contents = win.webContents;
      if (!contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(IPC_EVENT_CHANNEL, message);
    }
  });

  return () => {
    unsubscribe();
    opts.ipcMain.removeHandler(IPC_CALL_CHANNEL);
  };
}
