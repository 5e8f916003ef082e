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
import { REWIND_AT_PAGES } from '../../../db/wal';
import type { WalRewind } from './transaction-batcher';

/** Plain JavaScript in db/ (SQL lives there); bundled, beside the bundle (scripts/build-electron.mjs). */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts')
    ? path.join(path.dirname(here), '../../../db/wal-checkpoint-worker.mjs')
    : path.join(path.dirname(here), 'wal-checkpoint-worker.mjs');
}

const EVERY_MS = 200;
/** the longest a stream of commits waits for copyAll() */
const COPY_ALL_PATIENCE_MS = 2_000;

/** Also how a stream of commits keeps the WAL short (WalRewind, transaction-batcher.ts). */
export interface WalCheckpointer extends WalRewind {
  /** resolves after the next checkpoint the worker reports (tests) */
  nextCheckpoint(): Promise<{ left: number }>;
  stop(): Promise<void>;
}

type Report = ({ left: number; pages: number } | { error: string }) & { asked: boolean };

/** `rewindAtPages`: the WAL's length from which copyAll() is due (db/wal.ts); tests pass a small one. */
export function startWalCheckpointer(file: string, logger: Logger, rewindAtPages = REWIND_AT_PAGES): WalCheckpointer {
  const worker = new Worker(workerFile(), { workerData: { file, everyMs: EVERY_MS } });
  worker.unref(); // it must never keep the process alive
  let waiting: ((r: { left: number }) => void)[] = [];
  let answers: (() => void)[] = [];
  let lastError = '';
  let walPages = 0;
  let gone = false;
  const answered = () => {
    const w = answers;
    answers = [];
    for (const resolve of w) resolve();
  };
  worker.on('message', (m: Report) => {
    if (m.asked) answered();
    if ('error' in m) {
      if (m.error !== lastError) logger.warn('wal checkpoint failed', { error: m.error });
      lastError = m.error;
      return;
    }
    lastError = '';
    // The answer to copyAll() counts the pages before the rewind its caller's commit makes, and a
    // timer's report that crossed the question is older still: only the timer's later reports count.
    if (!m.asked && answers.length === 0) walPages = m.pages;
    const w = waiting;
    waiting = [];
    for (const resolve of w) resolve(m);
  });
  worker.on('error', (e) => logger.warn('wal checkpointer stopped', { error: String(e) }));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => {
    gone = true; // the app's connection checkpoints by itself now (its backstop)
    answered();
    resolve();
  }));
  return {
    nextCheckpoint: () => new Promise((resolve) => waiting.push(resolve)),
    rewindDue: () => !gone && walPages >= rewindAtPages,
    copyAll() {
      if (gone) return Promise.resolve();
      // until the next report says otherwise: the commit that follows starts the WAL over
      walPages = 0;
      const done = new Promise<void>((resolve) => {
        answers.push(resolve);
        // a worker that neither answers nor exits must not hold the commits for long
        setTimeout(resolve, COPY_ALL_PATIENCE_MS).unref();
      });
      worker.postMessage('now');
      return done;
    },
    async stop() {
      worker.ref(); // until it has closed its connection: the app's close comes after
      worker.postMessage('stop');
      await exited;
    },
  };
}
