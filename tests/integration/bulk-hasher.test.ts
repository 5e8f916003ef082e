/**
 * The hashes of a bulk issue (thousands of notices) are made on worker threads of their own at a
 * lower CPU priority (support/bulk-hasher.ts): the main thread and libuv's thread pool, which answer
 * the LAN's pages, logins and punches, keep their cores while a batch hashes. Measured from the
 * kernel's account of each thread's CPU time; a hash worker that goes away fails the batch, and the
 * next batch starts new ones.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { verify } from '@node-rs/argon2';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKGROUND_NICE } from '../../main/services/support/background-priority';
import { createBulkHasher, HASHES_PER_CALL, type BulkHasher } from '../../main/services/support/bulk-hasher';

/** Each thread's nice value and CPU time so far (ms), from /proc. */
function threads(): Map<string, { nice: number; cpuMs: number }> {
  const ticksMs = 10; // USER_HZ is 100 on Linux
  const out = new Map<string, { nice: number; cpuMs: number }>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // after "pid (comm) ": utime, stime and nice are fields 14, 15 and 19
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, { nice: Number(f[16]), cpuMs: (Number(f[11]) + Number(f[12])) * ticksMs });
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/** CPU time the threads at each priority spent between two readings (threads new meanwhile count from 0). */
function cpuByNice(before: ReturnType<typeof threads>, after: ReturnType<typeof threads>): { normal: number; lowered: number } {
  const spent = { normal: 0, lowered: 0 };
  for (const [tid, t] of after) spent[t.nice === 0 ? 'normal' : 'lowered'] += t.cpuMs - (before.get(tid)?.cpuMs ?? 0);
  return spent;
}

let hasher: BulkHasher | null = null;
afterEach(async () => {
  await hasher?.close();
  hasher = null;
});

describe('bulk hashing', () => {
  it('gives each secret its own argon2id hash, in order, and reports the count done as calls come back', async () => {
    hasher = createBulkHasher();
    const secrets = Array.from({ length: 7 }, (_, i) => `秘密-${i}-Pa55`);
    const done: number[] = [];
    const hashes = await hasher.hashAll(secrets, (n) => done.push(n));
    expect(hashes).toHaveLength(7);
    for (const [i, h] of hashes.entries()) {
      expect(h).toMatch(/^\$argon2id\$/);
      expect(await verify(h, secrets[i]!)).toBe(true);
      expect(await verify(h, secrets[(i + 1) % 7]!)).toBe(false);
    }
    // both threads at work, a call of 4 secrets each (the last one 3)
    expect(done).toHaveLength(2);
    expect(done[1]).toBe(7);
    expect(await hasher.hashAll([], () => undefined)).toEqual([]);
  });

  it.runIf(process.platform === 'linux')('runs on threads at nice 10: the main thread and libuv\'s pool spend next to nothing on it', async () => {
    hasher = createBulkHasher();
    await hasher.hashAll(['warm', 'up']); // the workers started and loaded: what follows is hashing
    const before = threads();
    await hasher.hashAll(Array.from({ length: 40 }, (_, i) => `passcode-${i}`));
    const spent = cpuByNice(before, threads());
    // 40 argon2id hashes: ~0.5 s of CPU or more, all of it on the lowered threads
    expect(spent.lowered).toBeGreaterThanOrEqual(300);
    expect(spent.normal).toBeLessThan(spent.lowered / 5);
    expect([...threads().values()].filter((t) => t.nice !== 0).every((t) => t.nice === BACKGROUND_NICE)).toBe(true);
  });

  it(`sends a thread ${HASHES_PER_CALL} secrets a call, not one: a batch exchanges few messages with threads that may lose their core`, async () => {
    hasher = createBulkHasher();
    const done: number[] = [];
    const n = 4 * HASHES_PER_CALL + 1;
    const hashes = await hasher.hashAll(Array.from({ length: n }, (_, i) => `s${i}`), (d) => done.push(d));
    expect(hashes.every((h) => h.startsWith('$argon2id$'))).toBe(true);
    expect(done).toHaveLength(5); // 4 full calls and one of 1
    expect(done.at(-1)).toBe(n);
  });

  it('fails the batch when its workers go away, and the next batch starts new ones', async () => {
    hasher = createBulkHasher();
    const batch = hasher.hashAll(Array.from({ length: 50 }, (_, i) => `s${i}`)).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await hasher.close();
    expect(await batch).toBeInstanceOf(Error);
    const [h] = await hasher.hashAll(['again']);
    expect(await verify(h!, 'again')).toBe(true);
  });
});
