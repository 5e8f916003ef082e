import type { EventMessage, EventName, Events } from '../../../preload/contract';

/** Push events from the services to every connected screen (both transports subscribe). */
export class EventBus {
  private readonly listeners = new Set<(m: EventMessage) => void>();

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const l of this.listeners) l({ event, payload } as EventMessage);
  }

  subscribe(listener: (m: EventMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
