/**
 * The main thread's handle on the PDF worker. One long-lived worker renders jobs in turn,
 * so the main thread's event loop keeps serving the grid and the LAN pages meanwhile.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RenderJob, RenderReply } from './render-request';

export interface PdfRenderer {
  render(job: RenderJob): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * Bundled, the worker is pdf-worker.mjs beside the bundle. From sources (tests, tsx) it is
 * the .ts file, loaded through tsx's loader registered inside the worker itself.
 */
function startWorker(): Worker {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.ts')) return new Worker(path.join(path.dirname(here), 'pdf-worker.mjs'));
  const source = pathToFileURL(path.join(path.dirname(here), 'pdf-worker.ts')).href;
  return new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`,
    { eval: true },
  );
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
    const w = startWorker();
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
