/**
 * Calls into a long-lived worker thread, one reply per call (`answerCalls` is the worker's side).
 * The worker starts on the first call; while no call is under way it does not keep the process
 * alive; should it die, the calls under way fail and the next call starts a new one. A refusal
 * the worker meant for the screen (an AppError) arrives as one, with its Japanese message.
 */
import { parentPort, type Worker } from 'node:worker_threads';
import type { AppErrorData } from '../../../preload/contract';
import { AppError } from './errors';

type Reply<R> =
  | { id: number; ok: true; value: R }
  | { id: number; ok: false; error: { message: string; code?: AppErrorData['code'] } }
  /** how far the call has got (the PDF worker's pages so far), as often as the worker says */
  | { id: number; progress: number };

export interface WorkerCalls<Q, R> {
  call(request: Q, transfer?: ArrayBuffer[]): Promise<R>;
  close(): Promise<void>;
}

export function workerCalls<Q, R>(start: () => Worker, opts: { onProgress?: (progress: number) => void } = {}): WorkerCalls<Q, R> {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve(r: R): void; reject(e: Error): void }>();

  const failAll = (w: Worker, e: Error) => {
    if (worker !== w) return;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
    worker = null;
  };

  function ensureWorker(): Worker {
    if (worker) return worker;
    const w = start();
    w.on('message', (reply: Reply<R>) => {
      if ('progress' in reply) {
        opts.onProgress?.(reply.progress);
        return;
      }
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (pending.size === 0) w.unref();
      if (reply.ok) p.resolve(reply.value);
      else p.reject(reply.error.code ? new AppError(reply.error.code, reply.error.message) : new Error(reply.error.message));
    });
    w.on('error', (e) => failAll(w, e));
    w.on('exit', (code) => failAll(w, new Error(`worker exited (${code})`)));
    w.unref();
    worker = w;
    return w;
  }

  return {
    call(request, transfer = []) {
      const id = nextId++;
      return new Promise<R>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const w = ensureWorker();
        w.ref();
        w.postMessage({ id, request }, transfer);
      });
    },
    async close() {
      const w = worker;
      if (!w) return;
      failAll(w, new Error('worker closed'));
      await w.terminate();
    },
  };
}

/**
 * The worker's side: each call's request handed to `handle`, its value or its refusal sent back.
 * `handle` may report progress; `transferOf` names the buffers of a value that move instead of being copied.
 */
export function answerCalls<Q, R>(
  handle: (request: Q, progress: (p: number) => void) => R | Promise<R>, transferOf: (value: R) => ArrayBuffer[] = () => [],
): void {
  parentPort!.on('message', async ({ id, request }: { id: number; request: Q }) => {
    try {
      const value = await handle(request, (progress) => parentPort!.postMessage({ id, progress } satisfies Reply<R>));
      parentPort!.postMessage({ id, ok: true, value } satisfies Reply<R>, transferOf(value));
    } catch (e) {
      const error = e instanceof AppError ? { code: e.code, message: e.message } : { message: e instanceof Error ? e.message : String(e) };
      parentPort!.postMessage({ id, ok: false, error } satisfies Reply<R>);
    }
  });
}
