/**
 * Before each entry: a quiet machine, and the log says how quiet. An entry can end with work
 * still under way outside its own code (the kernel writing a large database back, child
 * processes exiting), and the next entry would measure that too. So: `sync`, then wait until
 * the whole machine (every process, from /proc/stat; waiting for the disk counts as busy) has
 * been almost idle for a second, a minute at most.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

function cpuTimes(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - f[3]!, total }; // f[3]: idle
}

export interface Quiet { waitedMs: number; busyShare: number; quiet: boolean }

/** How long a run waits for quiet at most: the quick run (CI) only notes how busy the machine is. */
export const quietWaitMs = (quick: boolean): number => (quick ? 5_000 : 60_000);

export async function waitForQuietMachine(maxMs = 60_000, threshold = 0.1): Promise<Quiet> {
  const started = performance.now();
  execFileSync('sync');
  let quietFor = 0;
  let before = cpuTimes();
  let share = 1;
  while (performance.now() - started < maxMs) {
    await new Promise((r) => setTimeout(r, 250));
    const now = cpuTimes();
    share = (now.busy - before.busy) / Math.max(1, now.total - before.total);
    before = now;
    quietFor = share < threshold ? quietFor + 250 : 0;
    if (quietFor >= 1_000) return { waitedMs: performance.now() - started, busyShare: share, quiet: true };
  }
  return { waitedMs: performance.now() - started, busyShare: share, quiet: false };
}
