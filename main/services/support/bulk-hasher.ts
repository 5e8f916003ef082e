import { startWorker } from './start-worker';
import { workerCalls } from './worker-calls';

/**
 * Hashing threads for bulk work (thousands of notices). A batch's argon2 hashes had run in libuv's
 * thread pool, a few at a time, at the main thread's priority: on two cores they took the cores
 * from the main thread, which answers the LAN's pages, and from the pool's own interactive checks
 * (logins, kiosk punches). Each hashing thread of a batch is a worker of its own at nice 10
 * (background-priority.ts): it hashes on its own thread, and gives way whenever the LAN wants a core.
 * Two threads keep this machine's cores busy when nothing else wants them, so a batch is not slower.
 */
export const BULK_HASH_THREADS = 2;

/**
 * The most secrets in one call to a hashing thread. A message between threads locks the port
 * both threads share, and a thread at nice 10 that loses its core while it holds that lock keeps
 * the main thread waiting until it runs again (measured: the main thread blocked 79 ms in
 * MessagePort::OnMessage, with a reply for every hash). In calls of 32 (about 0.4 s of hashing),
 * a 20,000-notice batch sends some 600 messages instead of 40,000.
 */
export const HASHES_PER_CALL = 32;

/** each hash worker's heap: a call's secrets and hashes */
const HASH_WORKER_HEAP_MB = 32;

export interface BulkHasher {
  /** every secret's hash, in order; `onEach` as hashes are done (for a progress bar). Fails as a whole if a worker goes away. */
  hashAll(secrets: readonly string[], onEach?: (done: number) => void): Promise<string[]>;
  close(): Promise<void>;
}

/** The workers start with the first batch and stay (not keeping the process alive) for the next. */
export function createBulkHasher(threads = BULK_HASH_THREADS): BulkHasher {
  const workers = Array.from({ length: threads }, () => workerCalls<string[], string[]>(
    () => startWorker(import.meta.url, 'hash-worker', undefined, { maxOldGenerationSizeMb: HASH_WORKER_HEAP_MB }),
  ));
  return {
    async hashAll(secrets, onEach) {
      const out = new Array<string>(secrets.length);
      // every thread busy even in a small batch, and no call larger than HASHES_PER_CALL
      const perCall = Math.max(1, Math.min(HASHES_PER_CALL, Math.ceil(secrets.length / threads)));
      let next = 0;
      let done = 0;
      let failed = false;
      await Promise.all(workers.slice(0, Math.min(threads, secrets.length)).map(async (worker) => {
        try {
          while (next < secrets.length && !failed) {
            const from = next;
            next = Math.min(secrets.length, from + perCall);
            const hashes = await worker.call(secrets.slice(from, next));
            for (const [i, h] of hashes.entries()) out[from + i] = h;
            onEach?.((done += hashes.length));
          }
        } catch (e) {
          failed = true; // the other threads stop too: the batch has failed
          throw e;
        }
      }));
      return out;
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
