import type { Logger } from './logger';

/**
 * A confirmation the database refused (locked by another program, a full disk) after the secret
 * already left: it must not be lost, so it is tried again — soon, then less often — until it is
 * stored or the app stops. Meanwhile the pending secret works anyway (account-transitions.ts);
 * after a stop it is an orphan of a crashed run, which still works.
 */
export class RetryUntilStored {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly logger: Logger, private readonly firstDelayMs = 500, private readonly maxDelayMs = 60_000) {}

  /** Runs `store` now; on failure, again later. True when it was stored now. */
  run(what: string, store: () => void): boolean {
    return this.attempt(what, store, this.firstDelayMs);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private attempt(what: string, store: () => void, delay: number): boolean {
    if (this.stopped) return false;
    try {
      store();
      return true;
    } catch (e) {
      this.logger.warn('a confirmation could not be stored; trying again', { what, error: String(e), inMs: delay });
      const t = setTimeout(() => {
        this.timers.delete(t);
        this.attempt(what, store, Math.min(delay * 2, this.maxDelayMs));
      }, delay);
      t.unref();
      this.timers.add(t);
      return false;
    }
  }
}
