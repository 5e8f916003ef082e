import { stat } from 'node:fs/promises';
import os from 'node:os';

/**
 * A background worker's nice value. Under Linux's scheduler a thread at nice 10 gets about a tenth
 * of the CPU a nice-0 thread gets while both want a core, and every cycle no one else wants.
 */
export const BACKGROUND_NICE = 10;

/**
 * Lowers the calling worker thread's CPU priority, so that the main thread, which answers the LAN's
 * pages, logins and punches, goes first when both want a core (measured on two cores, the login page
 * under autocannon while CSV previews ran back to back: 0.80–0.86 of its idle throughput, 0.61–0.80
 * before). The worker's own time changes only while the LAN keeps the cores busy. On Linux nice is a
 * per-thread attribute and setpriority(PRIO_PROCESS, 0) names the calling thread; on Windows and macOS
 * the same call would lower the whole app, so there nothing is done. Resolves with whether the
 * priority was lowered.
 */
export async function giveWayToTheLan(platform: NodeJS.Platform = process.platform): Promise<boolean> {
  if (platform !== 'linux') return false;
  // libuv's thread pool (argon2 checks, file reads: the LAN's logins) is started by the first thread
  // that needs it, and a new thread inherits its creator's nice: the pool is started, if no one has
  // yet, before this thread lowers itself.
  await stat('/').catch(() => undefined);
  try {
    os.setPriority(0, BACKGROUND_NICE);
    return true;
  } catch {
    return false; // a sandbox that forbids it: the worker runs as before
  }
}
