/**
 * Large synchronous work (thousands of rows) is cut into pieces of this many, with a turn of the
 * event loop between them, so the LAN pages and the admin screens keep answering meanwhile.
 */
export const YIELD_EVERY = 500;

export const yieldToTheLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** `items` in pieces of YIELD_EVERY, the loop turning between them. */
export async function* inPieces<T>(items: readonly T[], size = YIELD_EVERY): AsyncGenerator<readonly T[]> {
  for (let i = 0; i < items.length; i += size) {
    if (i > 0) await yieldToTheLoop();
    yield items.slice(i, i + size);
  }
}
