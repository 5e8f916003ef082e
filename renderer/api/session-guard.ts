/**
 * The client the screens use: the contract client, plus one rule shared by every call —
 * a session that ended (idle timeout, app restart) sends the administrator back to the
 * login screen, whichever screen made the call.
 */
import { METHOD_NAMES, type AdminApi, type MethodName } from '../../preload/contract';
import { api, ContractError } from './client';

const expiryListeners = new Set<() => void>();

/** Called once per refused call; returns the unsubscribe function. */
export function onSessionExpired(listener: () => void): () => void {
  expiryListeners.add(listener);
  return () => expiryListeners.delete(listener);
}

function guarded(method: MethodName) {
  return async (input: unknown): Promise<unknown> => {
    try {
      return await api[method](input as never);
    } catch (e) {
      if (e instanceof ContractError && e.code === 'UNAUTHORIZED') for (const listener of expiryListeners) listener();
      throw e;
    }
  };
}

export const adminApi: AdminApi & Pick<typeof api, 'on'> = {
  ...(Object.fromEntries(METHOD_NAMES.map((m) => [m, guarded(m)])) as AdminApi),
  on: api.on,
};
