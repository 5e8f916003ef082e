import type { Database } from 'better-sqlite3';

/**
 * Group commit: the small transactions that arrive close together are committed as one
 * SQLite transaction. A bulk job commits each accepted mail on its own, but writing the WAL
 * once every few milliseconds instead of once per mail keeps the batch close to the mail
 * server's own pace.
 *
 * Each item stays atomic on its own: should one throw, the shared transaction is rolled
 * back and every item runs again in a transaction of its own, so only the failing one
 * fails. Items therefore touch nothing but the database (they may run twice).
 */
interface Queued { fn: () => unknown; resolve(v: unknown): void; reject(e: unknown): void }

/**
 * Keeps the WAL short under a stream of commits (db/wal.ts, REWIND_AT_PAGES): when due, the next
 * commit waits — the loop free meanwhile — until every page is copied, and so starts the WAL over.
 */
export interface WalRewind {
  rewindDue(): boolean;
  /** resolves once the checkpointer has copied what it could (or is gone) */
  copyAll(): Promise<void>;
}

export class TransactionBatcher {
  private queue: Queued[] = [];
  private scheduled = false;
  private lastFlushAt = -Infinity;

  // made once: wrapping a function per call costs more than the statements it runs
  private readonly together: { immediate(batch: Queued[]): unknown[] };
  private readonly alone: { immediate(fn: () => unknown): unknown };

  /** `minIntervalMs`: at most one commit in this time; what arrives meanwhile waits for it. */
  constructor(db: Database, private readonly minIntervalMs = 0, private readonly wal?: WalRewind) {
    this.together = db.transaction((batch: Queued[]) => batch.map((item) => item.fn()));
    this.alone = db.transaction((fn: () => unknown) => fn());
  }

  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      const wait = this.lastFlushAt + this.minIntervalMs - performance.now();
      if (wait > 0) setTimeout(() => this.flush(), wait);
      else setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    if (this.wal?.rewindDue()) {
      // what arrives meanwhile joins this commit (still scheduled)
      void this.wal.copyAll().then(() => this.commit());
      return;
    }
    this.commit();
  }

  private commit(): void {
    this.lastFlushAt = performance.now();
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    let values: unknown[];
    try {
      values = this.together.immediate(batch);
    } catch {
      for (const item of batch) {
        try {
          item.resolve(this.alone.immediate(item.fn));
        } catch (error) {
          item.reject(error);
        }
      }
      return;
    }
    batch.forEach((item, i) => item.resolve(values[i]));
  }
}
