import { inPieces } from './yield-to-the-loop';

/** JSON.stringify(items), written a piece at a time with the loop turning between pieces. */
export async function jsonInPieces(items: readonly unknown[]): Promise<string> {
  const parts: string[] = [];
  for await (const piece of inPieces(items)) parts.push(JSON.stringify(piece).slice(1, -1));
  return `[${parts.join(',')}]`;
}
