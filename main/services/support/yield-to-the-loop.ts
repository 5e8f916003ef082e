/**
 * Large synchronous work (thousands of rows) holds the event loop a short while at a time, and
 * lets everything else have a turn in between: the LAN pages and the admin screens keep answering.
 *
 * The limit is on time, not on a count of rows: a LAN request needs several turns of the loop (a
 * static file: stat, open, read, close), and waits for a piece of the work at each of them, so a
 * piece must be short whatever its rows cost (measured: pieces of 100 CSV rows, 5–10 ms each, made
 * the portal's static file 6× slower during a preview).
 */
export const TURN_BUDGET_MS = 3;
/** The most items in one piece, however cheap (one statement's IN list). */
export const YIELD_EVERY = 500;
/** The first piece, before anything is known of what an item costs. */
const FIRST_PIECE = 20;

export const yieldToTheLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * `items` in pieces that each take about TURN_BUDGET_MS to handle, the loop turning between them.
 * A piece's size comes from what the previous pieces cost: the time between handing a piece out and
 * being asked for the next one. `now` is for tests.
 */
export async function* inPieces<T>(
  items: readonly T[], opts: { max?: number; now?: () => number } = {},
): AsyncGenerator<readonly T[]> {
  const max = opts.max ?? YIELD_EVERY;
  const now = opts.now ?? (() => performance.now());
  let size = Math.min(FIRST_PIECE, max);
  for (let i = 0; i < items.length;) {
    if (i > 0) await yieldToTheLoop();
    const piece = items.slice(i, i + size);
    const began = now();
    yield piece;
    const perItem = (now() - began) / piece.length;
    i += piece.length;
    size = perItem <= 0 ? Math.min(max, size * 2) : Math.max(1, Math.min(max, Math.floor(TURN_BUDGET_MS / perItem)));
  }
}

/**
 * For a loop that cannot be cut into pieces up front: `due()` says when the loop has been held for
 * TURN_BUDGET_MS since the last turn given, `pass()` gives one.
 *   const turns = new TurnTaker();
 *   for (const row of rows) { if (turns.due()) await turns.pass(); … }
 */
export class TurnTaker {
  private since: number;
  constructor(private readonly now: () => number = () => performance.now()) {
    this.since = now();
  }

  due(): boolean {
    return this.now() - this.since >= TURN_BUDGET_MS;
  }

  async pass(): Promise<void> {
    await yieldToTheLoop();
    this.since = this.now();
  }
}
