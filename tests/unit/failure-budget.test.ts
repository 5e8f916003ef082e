import { describe, expect, it } from 'vitest';
import { FailureBudget, type Admission } from '../../main/portal/failure-budget';
import { FakeClock } from '../support/fake-clock';

const admitted = (a: Admission) => {
  if (!a.admitted) throw new Error(`refused for ${a.retryAfterMs} ms`);
  return a;
};

describe('FailureBudget', () => {
  it('never counts successes, and refuses after max failures until the oldest leaves the sliding window', async () => {
    const clock = new FakeClock(0);
    const budget = new FailureBudget([{ max: 3, windowMs: 60_000 }], clock);
    for (let i = 0; i < 100; i++) admitted(await budget.enter('a')).leave(false);
    for (const t of [0, 10_000, 20_000]) {
      clock.advanceTo(t);
      admitted(await budget.enter('a')).leave(true);
    }
    clock.advanceTo(30_000);
    expect(await budget.enter('a')).toEqual({ admitted: false, retryAfterMs: 30_000 });
    expect((await budget.enter('b')).admitted).toBe(true); // another source is not touched
    clock.advanceTo(60_000); // the failure at 0 has left the window
    admitted(await budget.enter('a')).leave(true);
    expect(await budget.enter('a')).toEqual({ admitted: false, retryAfterMs: 10_000 });
  });

  it('a clock set back does not reopen the budget: a failure made after it still counts', async () => {
    const clock = new FakeClock(100_000);
    const budget = new FailureBudget([{ max: 2, windowMs: 60_000 }], clock);
    admitted(await budget.enter('a')).leave(true);
    clock.advance(-60_000); // the system clock set back a minute
    admitted(await budget.enter('a')).leave(true);
    clock.advance(60_500); // half a second after the first failure: both are recent
    expect((await budget.enter('a')).admitted).toBe(false);
  });

  it('counts exactly within the window when it keeps many failures (a budget opened wide)', async () => {
    const clock = new FakeClock(0);
    const budget = new FailureBudget([{ max: 5_000, windowMs: 10_000 }], clock);
    for (let i = 0; i < 4_999; i++) {
      clock.advanceTo(i * 3); // one every 3 ms: the first 3,334 leave the window by the end
      admitted(await budget.enter('a')).leave(true);
    }
    clock.advanceTo(15_000); // failures at 5,001 ms and after are inside: 4,999 − 1,667 = 3,332
    for (let i = 0; i < 5_000 - 3_332; i++) admitted(await budget.enter('a')).leave(true);
    const refused = await budget.enter('a');
    expect(refused.admitted).toBe(false);
    // the oldest inside must leave first: the failure at 5,001 ms, 10 s later
    expect(refused).toEqual({ admitted: false, retryAfterMs: 5_001 + 10_000 - 15_000 });
  });

  it('applies every budget: the longest wait wins', async () => {
    const clock = new FakeClock(0);
    const budget = new FailureBudget([{ max: 2, windowMs: 60_000 }, { max: 4, windowMs: 3_600_000 }], clock);
    for (let minute = 0; minute < 2; minute++) {
      for (let i = 0; i < 2; i++) admitted(await budget.enter('a')).leave(true);
      clock.advance(60_000);
    }
    expect(await budget.enter('a')).toEqual({ admitted: false, retryAfterMs: 3_600_000 - 120_000 });
  });

  it('admits a crowd one place at a time: all successes pass, a burst of failures gets exactly max', async () => {
    const clock = new FakeClock(0);
    const budget = new FailureBudget([{ max: 3, windowMs: 60_000 }], clock);
    let inside = 0;
    let most = 0;
    const run = async (fail: boolean) => {
      const a = await budget.enter('nat');
      if (!a.admitted) return 'refused';
      inside++;
      most = Math.max(most, inside);
      await new Promise((r) => setImmediate(r)); // the password check
      inside--;
      a.leave(fail);
      return fail ? 'failed' : 'ok';
    };
    expect(await Promise.all(Array.from({ length: 40 }, () => run(false)))).toEqual(Array(40).fill('ok'));
    expect(most).toBe(3);
    const burst = await Promise.all(Array.from({ length: 40 }, () => run(true)));
    expect(burst.filter((r) => r === 'failed')).toHaveLength(3);
    expect(burst.filter((r) => r === 'refused')).toHaveLength(37);
  });

  it('answers at once, without a promise, whenever nothing has to wait: admitted or refused', () => {
    const clock = new FakeClock(0);
    const budget = new FailureBudget([{ max: 2, windowMs: 60_000 }], clock);
    const first = budget.enter('a');
    expect(first).not.toBeInstanceOf(Promise);
    (first as Admission & { admitted: true }).leave(true);
    (budget.enter('a') as Admission & { admitted: true }).leave(true);
    expect(budget.enter('a')).toEqual({ admitted: false, retryAfterMs: 60_000 });
    // the source's place taken by a request in flight: only then does the next one wait
    const other = budget.enter('b') as Admission & { admitted: true };
    expect(budget.enter('b')).not.toBeInstanceOf(Promise);
    expect(budget.enter('b')).toBeInstanceOf(Promise);
    other.leave(false);
  });

  it('lets a waiting request go when its client hung up, and forgets idle sources', async () => {
    const clock = new FakeClock(0);
    const budget = new FailureBudget([{ max: 1, windowMs: 1_000 }], clock);
    const first = admitted(await budget.enter('a'));
    let gone = false;
    const waiting = budget.enter('a', () => gone);
    gone = true;
    first.leave(false);
    expect(await waiting).toEqual({ admitted: false, retryAfterMs: 0 });
    admitted(await budget.enter('a')).leave(true);
    clock.advance(1_000);
    admitted(await budget.enter('a')).leave(false);
    expect((budget as unknown as { sources: Map<string, unknown> }).sources.size).toBe(0);
  });

  it('remembers a bounded number of sources, forgetting the earliest known idle ones first', async () => {
    const clock = new FakeClock(0);
    const budget = new FailureBudget([{ max: 1, windowMs: 60_000 }], clock, 10);
    const busy = admitted(await budget.enter('busy'));
    for (let i = 0; i < 30; i++) admitted(await budget.enter(`10.0.0.${i}`)).leave(true);
    const sources = (budget as unknown as { sources: Map<string, unknown> }).sources;
    expect(sources.size).toBeLessThanOrEqual(10);
    expect(sources.has('busy')).toBe(true); // a request in flight is never forgotten
    expect((await budget.enter('10.0.0.29')).admitted).toBe(false); // the latest are remembered
    busy.leave(false);
  });

  it('tells a source with 200 requests already waiting to come back in a minute (a flood, not a crowd)', async () => {
    const budget = new FailureBudget([{ max: 1, windowMs: 3_600_000 }], new FakeClock(0));
    const first = admitted(await budget.enter('a'));
    const waiting = Array.from({ length: 200 }, () => budget.enter('a'));
    expect(await budget.enter('a')).toEqual({ admitted: false, retryAfterMs: 60_000 });
    first.leave(false);
    const next = admitted((await Promise.race(waiting)));
    next.leave(true); // the budget is used up: all the others are refused for the hour
    expect((await Promise.all(waiting)).filter((a) => a.admitted)).toHaveLength(1);
  });

  it('refuses an empty or zero budget at construction', () => {
    expect(() => new FailureBudget([], new FakeClock())).toThrow();
    expect(() => new FailureBudget([{ max: 0, windowMs: 1 }], new FakeClock())).toThrow();
  });
});
