import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

/**
 * Runs `work` while watching the event loop (max and p99 delay), and says how much of the longest
 * stall was this thread's garbage collection (V8's own pauses, from its 'gc' performance entries):
 * a stall of the code's own making and a collector's pause on a starved machine are read differently.
 */
export async function measure<T>(work: () => Promise<T>): Promise<{
  result: T; seconds: number; loopMaxMs: number; loopP99Ms: number; gcInLongestStallMs: number;
}> {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const pauses: { from: number; to: number }[] = [];
  const collector = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push({ from: e.startTime, to: e.startTime + e.duration });
  });
  collector.observe({ entryTypes: ['gc'] });
  // The longest gap between two ticks of a 10 ms timer: how long the loop was blocked at worst,
  // including a block that ends just as the work does (which the histogram can miss). The timer
  // does nothing else: it had also read the memory use each tick, which cost the thread being
  // measured about 2 % of its time (CPU profile of the mail entry); a process's peak memory is the
  // kernel's figure (issue-child.ts).
  let lastTick = performance.now();
  let longest = { gap: 0, from: 0, to: 0 };
  const tick = (t: number) => {
    if (t - lastTick - 10 > longest.gap) longest = { gap: t - lastTick - 10, from: lastTick, to: t };
    lastTick = t;
  };
  const sampler = setInterval(() => tick(performance.now()), 10);
  loop.enable();
  const t0 = performance.now();
  try {
    const result = await work();
    tick(performance.now());
    for (const e of collector.takeRecords()) pauses.push({ from: e.startTime, to: e.startTime + e.duration });
    const gcInLongestStallMs = pauses.reduce((sum, p) => sum + Math.max(0, Math.min(p.to, longest.to) - Math.max(p.from, longest.from)), 0);
    return {
      result, seconds: (performance.now() - t0) / 1000, loopMaxMs: Math.max(loop.max / 1e6, longest.gap),
      loopP99Ms: loop.percentile(99) / 1e6, gcInLongestStallMs,
    };
  } finally {
    loop.disable();
    clearInterval(sampler);
    collector.disconnect();
  }
}

export const seconds = (s: number) => `${s.toFixed(2)} s`;
