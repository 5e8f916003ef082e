import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

/** Where a stall's time went, from the kernel's account of this thread (ms). */
export interface StallTime { onCpuMs: number; waitingForCoreMs: number; blockedMs: number }

/**
 * This thread's time on a core and waiting for one, ns, since it started (Linux's schedstat); null
 * where there is none. A stall spent on a core is the code's (or the collector's); one spent
 * waiting for a core is the machine's; one spent in neither is a wait in the kernel (a lock, a disk).
 */
function threadSchedule(): { runNs: number; waitNs: number } | null {
  try {
    const [runNs, waitNs] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return Number.isFinite(runNs) && Number.isFinite(waitNs) ? { runNs: runNs!, waitNs: waitNs! } : null;
  } catch {
    return null;
  }
}

/**
 * Runs `work` while watching the event loop (max and p99 delay), and says how much of the longest
 * stall was this thread's garbage collection (V8's own pauses, from its 'gc' performance entries):
 * a stall of the code's own making and a collector's pause on a starved machine are read differently.
 */
export async function measure<T>(work: () => Promise<T>, opts: { stallTime?: boolean } = {}): Promise<{
  result: T; seconds: number; loopMaxMs: number; loopP99Ms: number; gcInLongestStallMs: number;
  /** where the longest stall began, on performance.now()'s clock: which part of the work held the loop */
  longestStallFrom: number;
  /** with `stallTime` (reads a file each tick, so only where it is wanted), on Linux */
  longestStallTime: StallTime | null;
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
  let lastSchedule = opts.stallTime ? threadSchedule() : null;
  let longestStallTime: StallTime | null = null;
  const tick = (t: number) => {
    const schedule = lastSchedule && threadSchedule();
    if (t - lastTick - 10 > longest.gap) {
      longest = { gap: t - lastTick - 10, from: lastTick, to: t };
      if (schedule && lastSchedule) {
        const onCpuMs = (schedule.runNs - lastSchedule.runNs) / 1e6;
        const waitingForCoreMs = (schedule.waitNs - lastSchedule.waitNs) / 1e6;
        longestStallTime = { onCpuMs, waitingForCoreMs, blockedMs: Math.max(0, t - lastTick - onCpuMs - waitingForCoreMs) };
      }
    }
    lastSchedule = schedule;
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
      loopP99Ms: loop.percentile(99) / 1e6, gcInLongestStallMs, longestStallFrom: longest.from, longestStallTime,
    };
  } finally {
    loop.disable();
    clearInterval(sampler);
    collector.disconnect();
  }
}

export const seconds = (s: number) => `${s.toFixed(2)} s`;
