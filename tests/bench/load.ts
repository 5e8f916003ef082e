/**
 * The parent's side of load-child.ts: starts the LAN's everyday users in a process of their own,
 * and on stop takes their samples. `during` picks the samples under way inside a window (both
 * processes read the same wall clock) and summarises one kind: the p99 of those answered with the
 * intended status, and how many were answered otherwise (429s, 5xx, failures count as errors).
 */
import { spawn } from 'node:child_process';
import { ROOT } from '../support/headless-process';
import type { Lane, Sample } from './load-child';
import { percentile } from './stats';

export type { Lane, Sample };

export interface Load { stop(): Promise<Sample[]> }

export async function startLoad(portalUrl: string, lanes: Lane[]): Promise<Load> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/load-child.ts', portalUrl, JSON.stringify(lanes)], {
    cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' },
  });
  // a bench that fails half-way must not leave its users running
  const orphaned = () => child.kill();
  process.once('exit', orphaned);
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const check = () => (out.startsWith('running\n') ? resolve() : undefined);
    child.stdout.on('data', check);
    child.once('exit', (code) => reject(new Error(`bench: the load generator exited (${code})`)));
  });
  return {
    async stop() {
      child.stdin.end('stop\n');
      await new Promise((r) => child.once('exit', r));
      process.off('exit', orphaned);
      const line = out.split('\n').find((l) => l.startsWith('['));
      if (!line) throw new Error('bench: the load generator reported nothing');
      return JSON.parse(line) as Sample[];
    },
  };
}

export const INTENDED: Record<Lane['kind'], number> = { static: 200, loginPage: 200, login: 303, kiosk: 200 };

/**
 * The samples of `kind` that were under way at any time within [from, to) — a request that began
 * just before and waited through the window counts — p99 of the intended answers, and the rest.
 */
export function during(
  samples: Sample[], kind: Lane['kind'], from: number, to: number, p = 99,
): { p: number; n: number; errors: number; statuses: string } {
  const inside = samples.filter((s) => s.kind === kind && s.at < to && s.at + s.ms >= from);
  const ok = inside.filter((s) => s.status === INTENDED[kind]);
  // the unintended answers by status (0: no answer, the connection failed), for the table
  const counts = new Map<number, number>();
  for (const s of inside) if (s.status !== INTENDED[kind]) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  const statuses = [...counts].map(([status, n]) => `${n}× ${status === 0 ? 'no answer' : status}`).join(', ');
  return { p: percentile(ok.map((s) => s.ms), p), n: ok.length, errors: inside.length - ok.length, statuses };
}
