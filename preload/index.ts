/**
 * The sandboxed preload: exposes `window.focusuIpc`, two functions and nothing else (no
 * ipcRenderer, no event objects). `call` resolves with the dispatcher's CallOutcome as it
 * is, because errors thrown across contextBridge lose their class: the renderer's IPC
 * transport turns `ok: false` into a ContractError. Bundled to one CommonJS file
 * (dist-electron/preload.cjs): a sandboxed preload can require only 'electron'.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  EVENT_NAMES, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, METHOD_NAMES,
  type AppErrorData, type EventMessage, type MethodName,
} from './contract';
import { ja } from './i18n/ja';

export type CallOutcome = { ok: true; result: unknown } | { ok: false; error: AppErrorData };

/** The shape of `window.focusuIpc`. */
export interface FocusuIpc {
  call(method: MethodName, input: unknown): Promise<CallOutcome>;
  subscribe(listener: (message: EventMessage) => void): () => void;
}

const knownMethods: ReadonlySet<string> = new Set(METHOD_NAMES);
const knownEvents: ReadonlySet<string> = new Set(EVENT_NAMES);

function failure(code: AppErrorData['code'], message: string): CallOutcome {
  return { ok: false, error: { code, message } };
}

function isCallOutcome(value: unknown): value is CallOutcome {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

function isEventMessage(value: unknown): value is EventMessage {
  return typeof value === 'object' && value !== null && knownEvents.has(String((value as { event?: unknown }).event));
}

const focusuIpc: FocusuIpc = {
  async call(method, input) {
    // Unknown names never reach the main process.
    if (typeof method !== 'string' || !knownMethods.has(method)) return failure('NOT_FOUND', ja.validation.invalidInput);
    try {
      const outcome: unknown = await ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input ?? {});
      return isCallOutcome(outcome) ? outcome : failure('INTERNAL', ja.errors.internal);
    } catch {
      // No handler (the app is closing) or an input that cannot be cloned.
      return failure('INTERNAL', ja.errors.internal);
    }
  },
  subscribe(listener) {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const forward = (_event: IpcRendererEvent, message: unknown) => {
      if (isEventMessage(message)) listener(message);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('focusuIpc', focusuIpc);
