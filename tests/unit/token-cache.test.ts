import { describe, expect, it } from 'vitest';
import { REMEMBER_REFUSAL_MS, RENEW_BEFORE_EXPIRY_MS, TokenCache, type FetchedToken } from '../../main/services/mail/oauth/token-cache';
import { FakeClock } from '../support/fake-clock';

/** A token endpoint of the test's own: counts requests, answers when told. */
function endpoint(lifetimeSeconds = 3600) {
  const calls: { resolve(t: FetchedToken): void; reject(e: unknown): void }[] = [];
  let n = 0;
  return {
    calls,
    auto: true,
    fetch(this: { auto: boolean }): Promise<FetchedToken> {
      n++;
      const token = `token-${n}`;
      if (this.auto) return Promise.resolve({ accessToken: token, expiresInSeconds: lifetimeSeconds });
      return new Promise((resolve, reject) => calls.push({ resolve: () => resolve({ accessToken: token, expiresInSeconds: lifetimeSeconds }), reject }));
    },
    get requests() {
      return n;
    },
  };
}

describe('TokenCache', () => {
  it('reuses a token until shortly before it expires, then fetches a new one', async () => {
    const clock = new FakeClock();
    const ep = endpoint();
    const cache = new TokenCache(() => ep.fetch(), clock);
    expect(await cache.get()).toEqual({ accessToken: 'token-1', generation: 1 });
    clock.advance(3600_000 - RENEW_BEFORE_EXPIRY_MS - 1);
    expect((await cache.get()).accessToken).toBe('token-1');
    clock.advance(1);
    expect(await cache.get()).toEqual({ accessToken: 'token-2', generation: 2 });
    expect(ep.requests).toBe(2);
  });

  it('a token that lives less than the margin is never reused', async () => {
    const ep = endpoint(RENEW_BEFORE_EXPIRY_MS / 1000 - 60);
    const cache = new TokenCache(() => ep.fetch(), new FakeClock());
    await cache.get();
    await cache.get();
    expect(ep.requests).toBe(2);
  });

  it('callers arriving while a fetch is on its way share it', async () => {
    const ep = endpoint();
    ep.auto = false;
    const cache = new TokenCache(() => ep.fetch(), new FakeClock());
    const all = Promise.all([cache.get(), cache.get(), cache.renew(0), cache.get()]);
    expect(ep.calls).toHaveLength(1);
    ep.calls[0]!.resolve({ accessToken: '', expiresInSeconds: 0 });
    expect((await all).map((t) => t.accessToken)).toEqual(['token-1', 'token-1', 'token-1', 'token-1']);
  });

  it('renew(generation) fetches once for any number of refusals of the same token, and not at all when a newer one exists', async () => {
    const ep = endpoint();
    ep.auto = false;
    const cache = new TokenCache(() => ep.fetch(), new FakeClock());
    const first = cache.get();
    ep.calls[0]!.resolve({ accessToken: '', expiresInSeconds: 0 });
    expect(await first).toEqual({ accessToken: 'token-1', generation: 1 });
    // three connections are refused token 1 at once
    const renewals = Promise.all([cache.renew(1), cache.renew(1), cache.renew(1)]);
    expect(ep.calls).toHaveLength(2);
    ep.calls[1]!.resolve({ accessToken: '', expiresInSeconds: 0 });
    expect((await renewals).map((t) => t.generation)).toEqual([2, 2, 2]);
    // a late refusal of token 1 gets token 2 without a request
    expect(await cache.renew(1)).toEqual({ accessToken: 'token-2', generation: 2 });
    expect(ep.requests).toBe(2);
    // a refusal of the newest one fetches again
    const third = cache.renew(2);
    ep.calls[2]!.resolve({ accessToken: '', expiresInSeconds: 0 });
    expect(await third).toEqual({ accessToken: 'token-3', generation: 3 });
  });

  it('the lifetime counts from the request, not from the answer', async () => {
    const clock = new FakeClock();
    const ep = endpoint(3600);
    ep.auto = false;
    const cache = new TokenCache(() => ep.fetch(), clock);
    const first = cache.get();
    clock.advance(60_000); // a slow answer
    ep.calls[0]!.resolve({ accessToken: '', expiresInSeconds: 0 });
    await first;
    clock.advance(3600_000 - RENEW_BEFORE_EXPIRY_MS - 60_000);
    const next = cache.get();
    expect(ep.calls).toHaveLength(2);
    ep.calls[1]!.resolve({ accessToken: '', expiresInSeconds: 0 });
    expect((await next).accessToken).toBe('token-2');
  });

  it('a refusal is remembered for a while (no request per bulk row); a network failure is not', async () => {
    const clock = new FakeClock();
    let requests = 0;
    let answer: 'refuse' | 'network' | 'ok' = 'refuse';
    const refused = Object.assign(new Error('refused'), { refusal: true });
    const cache = new TokenCache(async () => {
      requests++;
      if (answer === 'refuse') throw refused;
      if (answer === 'network') throw new Error('ECONNRESET');
      return { accessToken: 'fine', expiresInSeconds: 3600 };
    }, clock, (e) => (e as { refusal?: boolean }).refusal === true);
    for (let i = 0; i < 5; i++) await expect(cache.get()).rejects.toBe(refused);
    expect(requests).toBe(1);
    clock.advance(REMEMBER_REFUSAL_MS);
    answer = 'network';
    await expect(cache.get()).rejects.toThrow('ECONNRESET');
    await expect(cache.get()).rejects.toThrow('ECONNRESET');
    expect(requests).toBe(3);
    answer = 'ok';
    expect((await cache.get()).accessToken).toBe('fine');
  });

  it('「テスト送信」 forgets a remembered refusal and asks again', async () => {
    let refuse = true;
    let requests = 0;
    const cache = new TokenCache(async () => {
      requests++;
      if (refuse) throw new Error('refused');
      return { accessToken: 'fixed', expiresInSeconds: 3600 };
    }, new FakeClock());
    await expect(cache.get()).rejects.toThrow('refused');
    refuse = false; // the administrator fixed the app
    await expect(cache.get()).rejects.toThrow('refused');
    cache.forgetRefusal();
    expect((await cache.get()).accessToken).toBe('fixed');
    expect(requests).toBe(2);
  });
});
