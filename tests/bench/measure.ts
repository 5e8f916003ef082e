import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Runs `work` while watching the event loop (max and p99 delay) and the peak resident memory. */
export async function measure<T>(work: () => Promise<T>): Promise<{
  result: T; seconds: number; loopMaxMs: number; loopP99Ms: number; peakRssMb: number;
}> {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  let peak = process.memoryUsage().rss;
  // The longest gap between two ticks of a 10 ms timer: how long the loop was blocked at worst,
  // including a block that ends just as the work does (which the histogram can miss).
  let lastTick = performance.now();
  let longestGap = 0;
  const sampler = setInterval(() => {
    const t = performance.now();
    longestGap = Math.max(longestGap, t - lastTick - 10);
    lastTick = t;
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  loop.enable();
  const t0 = performance.now();
  try {
    const result = await work();
    longestGap = Math.max(longestGap, performance.now() - lastTick - 10);
    return {
      result, seconds: (performance.now() - t0) / 1000, loopMaxMs: Math.max(loop.max / 1e6, longestGap),
      loopP99Ms: loop.percentile(99) / 1e6, peakRssMb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20,
    };
  } finally {
    loop.disable();
    clearInterval(sampler);
  }
}

export const seconds = (s: number) => `${s.toFixed(2)} s`;
