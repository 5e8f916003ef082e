/**
 * Headless mode's transport: the contract over the loopback bridge. The per-launch token
 * comes from the page the bridge served; the admin session rides in an HttpOnly cookie.
 */
import {
  BRIDGE_CALL_PATH, BRIDGE_EVENTS_PATH, BRIDGE_TOKEN_HEADER, type EventMessage, type Transport,
} from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import { ContractError, type CallOutcome } from './errors';

export function createHttpTransport(token: string): Transport {
  const listeners = new Set<(m: EventMessage) => void>();
  let stream: AbortController | null = null;

  async function openStream(): Promise<void> {
    const controller = new AbortController();
    stream = controller;
    while (!controller.signal.aborted) {
      try {
        const res = await fetch(BRIDGE_EVENTS_PATH, { headers: { [BRIDGE_TOKEN_HEADER]: token }, signal: controller.signal });
        if (!res.ok || !res.body) throw new Error(String(res.status));
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const chunk = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = chunk.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
            if (data) for (const l of listeners) l(JSON.parse(data) as EventMessage);
          }
        }
      } catch {
        // The app restarted or the network blinked: try again shortly.
      }
      if (!controller.signal.aborted) await new Promise((r) => setTimeout(r, 2000));
    }
  }

  return {
    async call(method, input) {
      let res: Response;
      try {
        res = await fetch(BRIDGE_CALL_PATH + method, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [BRIDGE_TOKEN_HEADER]: token },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
      } catch {
        throw new ContractError({ code: 'INTERNAL', message: ja.errors.network });
      }
      const outcome = (await res.json().catch(() => null)) as CallOutcome | null;
      if (!outcome) throw new ContractError({ code: 'INTERNAL', message: ja.errors.internal });
      if (!outcome.ok) throw new ContractError(outcome.error);
      return outcome.result;
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!stream) void openStream();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stream?.abort();
          stream = null;
        }
      };
    },
  };
}
