/**
 * Long work holds the loop a short while at a time (support/yield-to-the-loop.ts): pieces are
 * sized by what their items cost, so a piece takes about TURN_BUDGET_MS however dear its items —
 * a clock moved by hand plays the cost. No real timings.
 */
import { describe, expect, it } from 'vitest';
import { inPieces, TURN_BUDGET_MS, TurnTaker, YIELD_EVERY } from '../../main/services/support/yield-to-the-loop';

/** Runs inPieces over `n` items, each costing `msPerItem` of the fake clock; the pieces' sizes. */
async function pieceSizes(n: number, msPerItem: (i: number) => number): Promise<{ sizes: number[]; seen: number[] }> {
  let now = 0;
  const sizes: number[] = [];
  const seen: number[] = [];
  for await (const piece of inPieces(Array.from({ length: n }, (_, i) => i), { now: () => now })) {
    sizes.push(piece.length);
    for (const i of piece) {
      seen.push(i);
      now += msPerItem(i);
    }
  }
  return { sizes, seen };
}

describe('work in pieces', () => {
  it('hands out every item once, in order', async () => {
    const { seen } = await pieceSizes(2_345, () => 0.01);
    expect(seen).toEqual(Array.from({ length: 2_345 }, (_, i) => i));
  });

  it('keeps each piece within the turn budget when items are dear (1 ms each)', async () => {
    const { sizes } = await pieceSizes(1_000, () => 1);
    // the first piece is a guess; after it, no piece costs more than the budget
    expect(Math.max(...sizes.slice(1))).toBeLessThanOrEqual(TURN_BUDGET_MS);
  });

  it('grows pieces up to the most one statement takes when items are cheap', async () => {
    const { sizes } = await pieceSizes(20_000, () => 0.0001);
    expect(Math.max(...sizes)).toBe(YIELD_EVERY);
    expect(sizes.length).toBeLessThan(20_000 / YIELD_EVERY + 5);
  });

  it('adapts when the cost of items changes half-way', async () => {
    const { sizes } = await pieceSizes(6_000, (i) => (i < 3_000 ? 0.001 : 0.5));
    const last = sizes.slice(-5);
    expect(Math.max(...last) * 0.5).toBeLessThanOrEqual(TURN_BUDGET_MS);
  });
});

describe('a turn taker', () => {
  it('is due once the loop has been held for the budget, and not again until held that long after a turn', async () => {
    let now = 100;
    const turns = new TurnTaker(() => now);
    now += TURN_BUDGET_MS - 0.5;
    expect(turns.due()).toBe(false);
    now += 0.5;
    expect(turns.due()).toBe(true);
    await turns.pass();
    expect(turns.due()).toBe(false);
    now += TURN_BUDGET_MS;
    expect(turns.due()).toBe(true);
  });
});
