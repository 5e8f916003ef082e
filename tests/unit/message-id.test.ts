import { describe, expect, it } from 'vitest';
import { newMessageId } from '../../main/services/mail/message-id';

describe('Message-IDs', () => {
  it('sort in the order they were made, across digit carries and the years, so the history index grows at its end', () => {
    const times = [0, 35, 36, 1_295, 1_296, Date.UTC(2026, 11, 2), Date.UTC(2026, 11, 2) + 1, Date.UTC(2059, 0, 1), Date.UTC(2100, 0, 1)];
    const ids = times.map((t) => newMessageId('example.co.jp', t));
    expect([...ids].sort()).toEqual(ids);
  });

  it('differ when made in the same millisecond, and carry 96 random bits at the sender\'s domain', () => {
    const now = Date.UTC(2026, 11, 2, 9);
    const ids = Array.from({ length: 10_000 }, () => newMessageId('Mail.Example.CO.JP', now));
    expect(new Set(ids).size).toBe(10_000);
    for (const id of ids.slice(0, 100)) expect(id).toMatch(/^<[0-9a-z]{9}[0-9a-f]{24}\.focus-u@mail\.example\.co\.jp>$/);
  });

  it('fall back to a domain of their own when the sender\'s cannot go in a header', () => {
    expect(newMessageId('bad domain>\r\nBcc: x@y', 0)).toMatch(/@focus-u\.invalid>$/);
  });
});
