import type { Database } from 'better-sqlite3';

/**
 * Runs the small transactions that arrive in the same turn of the event loop as one
 * SQLite transaction, each in a savepoint of its own: one failing rolls back only itself.
 * A bulk job commits each accepted mail on its own, but writing the WAL once per turn
 * instead of once per mail keeps the batch close to the mail server's own pace.
 */
export class TransactionBatcher {
  private queue: { fn: () => unknown; resolve(v: unknown): void; reject(e: unknown): void }[] = [];
  private scheduled = false;

  constructor(private readonly db: Database) {}

  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.db.transaction(() => {
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, value: this.db.transaction(item.fn)() }); // a savepoint
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      }).immediate();
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const o = outcomes[i]!;
      if (o.ok) item.resolve(o.value);
      else item.reject(o.error);
    });
  }
}
