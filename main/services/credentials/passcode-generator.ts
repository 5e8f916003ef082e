import { randomInt } from 'node:crypto';

/**
 * 4 digits for the Web time recorder. Trivial codes — one digit repeated, a run up or down
 * (1234, 8765, 0123 …) — are the first an onlooker tries, so they are never issued.
 */
export function isTrivialPasscode(code: string): boolean {
  const d = [...code].map(Number);
  const steps = d.slice(1).map((x, i) => x - d[i]!);
  return steps.every((s) => s === 0) || steps.every((s) => s === 1) || steps.every((s) => s === -1);
}

/** crypto.randomInt draws uniformly (it rejects internally), so every code is equally likely. */
export function generatePasscode(): string {
  for (;;) {
    const code = String(randomInt(0, 10_000)).padStart(4, '0');
    if (!isTrivialPasscode(code)) return code;
  }
}
