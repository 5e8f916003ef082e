/** The p-th percentile (nearest rank) of samples: with 200 samples, p99 is the second largest, not the maximum. */
export function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** Samples each needed for a p99 that is not simply the maximum. */
export const P99_SAMPLES = 200;

export const ms = (x: number) => `${x < 10 ? x.toFixed(1) : x.toFixed(0)} ms`;

/** `f` timed `n` times, one after another (milliseconds). */
export function timeEach(n: number, f: () => unknown): number[] {
  return Array.from({ length: n }, () => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  });
}
