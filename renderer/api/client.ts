/**
 * The screens' only way to the main process: one function per contract method, derived
 * from the contract's method list, over whichever transport this window has.
 */
import {
  METHOD_NAMES, type AdminApi, type EventMessage, type EventName, type Events, type Transport,
} from '../../preload/contract';
import { createHttpTransport } from './transport-http';
import { createIpcTransport } from './transport-ipc';
import { ContractError } from './errors';

export { ContractError };

function pickTransport(): Transport {
  if (window.focusuIpc) return createIpcTransport(window.focusuIpc);
  const token = document.querySelector<HTMLMetaElement>('meta[name="focusu-token"]')?.content ?? '';
  return createHttpTransport(token);
}

export function createClient(transport: Transport): AdminApi & {
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
} {
  const api = Object.fromEntries(
    METHOD_NAMES.map((m) => [m, (input: unknown) => transport.call(m, input)]),
  ) as AdminApi;
  return {
    ...api,
    on(event, listener) {
      return transport.subscribe((m: EventMessage) => {
        if (m.event === event) listener(m.payload as Events[typeof event]);
      });
    },
  };
}

export const api = createClient(pickTransport());
