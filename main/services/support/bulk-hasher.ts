import { hashSecret } from './secret-hasher';

/**
 * Hashes at a time for bulk work (thousands of notices). libuv's thread pool has 4 threads and
 * serves, first come first served, every argon2 call *and* every file read: a batch that queued
 * all its hashes at once made each login, punch and static file of the LAN pages wait for the whole
 * batch. With at most 2 of the batch's hashes in the pool, an interactive check or a file read
 * waits for at most one hash; 2 already keep this machine's cores busy, so the batch is not slower.
 */
export const BULK_HASHES_IN_FLIGHT = 2;

/** Hashes every secret, `inFlight` at a time; `onEach` after each (for a progress bar). */
export async function hashAll(secrets: readonly string[], onEach?: (done: number) => void, inFlight = BULK_HASHES_IN_FLIGHT): Promise<string[]> {
  const out = new Array<string>(secrets.length);
  let next = 0;
  let done = 0;
  await Promise.all(Array.from({ length: Math.min(inFlight, secrets.length) }, async () => {
    while (next < secrets.length) {
      const i = next++;
      out[i] = await hashSecret(secrets[i]!);
      onEach?.(++done);
    }
  }));
  return out;
}
