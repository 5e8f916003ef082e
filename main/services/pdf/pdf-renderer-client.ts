/**
 * The main thread's handle on the PDF worker. One long-lived worker renders jobs in turn,
 * so the main thread's event loop keeps serving the grid and the LAN pages meanwhile.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../support/start-worker';
import type { RenderJob, RenderReply } from './render-request';

export interface PdfRenderer {
  render(job: RenderJob): Promise<Buffer>;
  close(): Promise<void>;
}

export function createPdfRenderer(): PdfRenderer {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve(b: Buffer): void; reject(e: Error): void }>();

  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
    worker = null;
  };

  function ensureWorker(): Worker {
    if (worker) return worker;
    const w = startWorker(import.meta.url, 'pdf-worker');
    w.on('message', (reply: RenderReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (pending.size === 0) w.unref(); // an idle worker must not keep the process alive
      if (reply.ok) p.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
      else p.reject(new Error(reply.error));
    });
    w.on('error', (e) => failAll(e));
    w.on('exit', (code) => failAll(new Error(`PDF worker exited (${code})`)));
    w.unref();
    worker = w;
    return w;
  }

  return {
    render(job) {
      const id = nextId++;
      return new Promise<Buffer>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const w = ensureWorker();
        w.ref();
        w.postMessage({ ...job, id });
      });
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
