/**
 * The desktop app's transport: the contract over Electron IPC, through the sandboxed
 * preload (preload/index.ts). Errors do not keep their class across contextBridge, so the
 * preload hands back the CallOutcome and the failure becomes a ContractError here.
 */
import type { EventMessage, MethodName, Transport } from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import { ContractError, type CallOutcome } from './errors';

export interface FocusuIpc {
  call(method: MethodName, input: unknown): Promise<CallOutcome>;
  subscribe(listener: (message: EventMessage) => void): () => void;
}
declare global {
  interface Window { focusuIpc?: FocusuIpc }
}

export function createIpcTransport(ipc: FocusuIpc): Transport {
  return {
    async call(method, input) {
      let outcome: CallOutcome;
      try {
        outcome = await ipc.call(method, input ?? {});
      } catch {
        throw new ContractError({ code: 'INTERNAL', message: ja.errors.internal });
      }
      if (!outcome.ok) throw new ContractError(outcome.error);
      return outcome.result;
    },
    subscribe: (listener) => ipc.subscribe(listener),
  };
}
