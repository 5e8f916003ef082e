import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { linkTokenKey, newLinkToken } from '../../main/services/mail/link-token';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('verification link tokens', () => {
  it('are stored by keys that sort in the order the links were made, so a bulk job\'s links share the index\'s last page', () => {
    const times = [0, 35, 36, 1_295, 1_296, Date.UTC(2026, 11, 2), Date.UTC(2026, 11, 2) + 1, Date.UTC(2059, 0, 1), Date.UTC(2100, 0, 1)];
    const keys = times.map((t) => linkTokenKey(newLinkToken(t))!);
    expect([...keys].sort()).toEqual(keys);
  });

  it('carry 256 random bits after the time, and only the hash of the whole token is in the key', () => {
    const now = Date.UTC(2026, 11, 2, 9);
    const tokens = Array.from({ length: 10_000 }, () => newLinkToken(now));
    expect(new Set(tokens).size).toBe(10_000);
    for (const token of tokens.slice(0, 100)) {
      expect(token).toMatch(/^[0-9a-z]{9}[A-Za-z0-9_-]{43}$/);
      expect(linkTokenKey(token)).toBe(token.slice(0, 9) + sha256(token));
      expect(linkTokenKey(token)).not.toContain(token.slice(9));
    }
  });

  it('find a link mailed before by its bare hash, and refuse anything else without hashing it', () => {
    const legacy = 'A'.repeat(43);
    expect(linkTokenKey(legacy)).toBe(sha256(legacy));
    for (const bad of ['', 'short', 'A'.repeat(44), 'A'.repeat(52), `${'0'.repeat(9)}${'A'.repeat(42)}`, `${'0'.repeat(9)}${'A'.repeat(42)}=`, '../../etc/passwd']) {
      expect(linkTokenKey(bad)).toBeNull();
    }
  });
});
