/**
 * The parent's side of autocannon-child.ts: autocannon against one URL from a process of its own, so
 * that the load generator never shares a thread (or its pauses) with the server it measures.
 */
import { spawn } from 'node:child_process';
import { ROOT } from '../support/headless-process';

export interface CannonResult { rps: number; p50: number; p99: number; total: number; byStatus: Record<string, number>; errors: number; timeouts: number }

/** `connections` keep-alive connections for `seconds`; `rate`: requests a second over all of them (none: as fast as answered). */
export function cannon(url: string, connections: number, seconds: number, rate?: number): Promise<CannonResult> {
  const args = ['--import', 'tsx', 'tests/bench/autocannon-child.ts', url, String(connections), String(seconds), ...(rate === undefined ? [] : [String(rate)])];
  const child = spawn(process.execPath, args, {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => child.once('exit', (code) => {
    const line = out.split('\n').find((l) => l.startsWith('{'));
    if (code !== 0 || !line) reject(new Error(`bench: autocannon exited (${code})`));
    else resolve(JSON.parse(line) as CannonResult);
  }));
}

/** The answers that were not `status`: other codes, socket errors, timeouts. */
export const unintended = (r: CannonResult, status: number): number => r.errors + r.timeouts + r.total - (r.byStatus[String(status)] ?? 0);
