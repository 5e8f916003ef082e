import { describe, expect, it } from 'vitest';
import { randomBase64url, randomHex } from '../../main/services/support/random-pool';

describe('random strings drawn from a pool', () => {
  it('are as long as asked, in their alphabet, and never repeat across many refills of the pool', () => {
    const seen = new Set<string>();
    // 20,000 × 48 bytes: the 4 KB pool is refilled ~230 times, at every offset
    for (let i = 0; i < 20_000; i++) {
      const token = randomBase64url(32);
      const id = randomHex(16);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      seen.add(token).add(id);
    }
    expect(seen.size).toBe(40_000);
  });

  it('spread their bytes evenly (a pool that handed out zeros or repeats would not)', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 4_000; i++) for (const byte of Buffer.from(randomHex(64), 'hex')) counts[byte]!++;
    // 256,000 bytes: each value ~1,000 times; a fair source stays well inside ±25 %
    expect(Math.min(...counts)).toBeGreaterThan(750);
    expect(Math.max(...counts)).toBeLessThan(1_250);
  });

  it('refuses a request larger than the pool instead of handing out reused bytes', () => {
    expect(() => randomHex(5_000)).toThrow(/at most/);
  });
});
