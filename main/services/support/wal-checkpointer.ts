/**
 * The worker thread that checkpoints the app's database (db/wal.ts says why). Started with the
 * app, stopped before its connection closes (which then checkpoints what is left and removes the
 * WAL, as before). Should the worker die, the app's connection checkpoints by itself past its
 * backstop, so nothing but smoothness is lost.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from './logger';

/** Plain JavaScript in db/ (SQL lives there); bundled, beside the bundle (scripts/build-electron.mjs). */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts')
    ? path.join(path.dirname(here), '../../../db/wal-checkpoint-worker.mjs')
    : path.join(path.dirname(here), 'wal-checkpoint-worker.mjs');
}

const EVERY_MS = 200;

export interface WalCheckpointer {
  /** resolves after the next checkpoint the worker reports (tests) */
  nextCheckpoint(): Promise<{ left: number }>;
  stop(): Promise<void>;
}

export function startWalCheckpointer(file: string, logger: Logger): WalCheckpointer {
  const worker = new Worker(workerFile(), { workerData: { file, everyMs: EVERY_MS } });
  worker.unref(); // it must never keep the process alive
  let waiting: ((r: { left: number }) => void)[] = [];
  let lastError = '';
  worker.on('message', (m: { left: number } | { error: string }) => {
    if ('error' in m) {
      if (m.error !== lastError) logger.warn('wal checkpoint failed', { error: m.error });
      lastError = m.error;
      return;
    }
    lastError = '';
    const w = waiting;
    waiting = [];
    for (const resolve of w) resolve(m);
  });
  worker.on('error', (e) => logger.warn('wal checkpointer stopped', { error: String(e) }));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    nextCheckpoint: () => new Promise((resolve) => waiting.push(resolve)),
    async stop() {
      worker.ref(); // until it has closed its connection: the app's close comes after
      worker.postMessage('stop');
      await exited;
    },
  };
}
