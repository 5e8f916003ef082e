import { setTimeout as sleep } from 'node:timers/promises';
import { hash, hashSync, verify } from '@node-rs/argon2';

/**
 * argon2id for passwords and passcodes. @node-rs/argon2 hashes on libuv's thread pool,
 * so the main thread's event loop keeps turning while it works.
 */
export const hashSecret = (plain: string): Promise<string> => hash(plain);
/** The same hash on the calling thread: for a worker thread of bulk work (bulk-hasher.ts). */
export const hashSecretHere = (plain: string): string => hashSync(plain);

export async function verifySecret(storedHash: string | null, plain: string): Promise<boolean> {
  if (storedHash === null) {
    await answerLikeAVerify();
    return false;
  }
  const t0 = performance.now();
  try {
    return await verify(storedHash, plain);
  } catch {
    return false;
  } finally {
    recordVerifyTime(performance.now() - t0);
  }
}

/** How long a real verification takes here lately (a moving average; argon2id defaults: ~12 ms). */
let typicalVerifyMs = 12;
function recordVerifyTime(ms: number): void {
  typicalVerifyMs += (Math.min(ms, 1_000) - typicalVerifyMs) / 20;
}

/**
 * An unknown login ID, a locked account, a budget used up: the answer takes as long as checking a
 * password would, so the time reveals nothing — but spends no CPU on it. A burst of guesses against
 * unknown or locked accounts (from any number of addresses) therefore cannot take the hashing
 * threads away from the employees logging in and punching meanwhile (`npm run bench`: the LAN
 * under attack).
 */
export function answerLikeAVerify(): Promise<void> {
  return sleep(typicalVerifyMs * (0.9 + Math.random() * 0.2));
}
