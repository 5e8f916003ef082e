/**
 * The main thread's handle on the PDF worker. One long-lived worker renders jobs in turn,
 * so the main thread's event loop keeps serving the grid and the LAN pages meanwhile.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../support/start-worker';
import { jsonInPieces } from '../support/json-in-pieces';
import { pagesOf, type RenderJob, type RenderReply, type RenderRequest } from './render-request';

export interface PdfRenderer {
  render(job: RenderJob): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * The worker's heap, bounded: pieces keep a notice's need flat (a piece's layout and the assembled
 * pages: about 250 MB at 30,000 notices), and a bound makes V8 collect instead of growing — 580 MB
 * peak for the whole process at 30,000 against 4 GB before. Beyond it (some 80,000 notices in one
 * issue) the worker dies and the issue is refused with a Japanese message, nothing stored.
 */
const WORKER_HEAP_MB = 384;

export interface PdfRendererOptions {
  /** pages pdfmake lays out at once (render-in-pieces.ts); smaller in tests, to make many pieces of a few pages */
  pagesPerPiece?: number;
  /** after each piece: the pages of the running job rendered so far */
  onPiece?: (pagesDone: number) => void;
}

export function createPdfRenderer(opts: PdfRendererOptions = {}): PdfRenderer {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve(b: Buffer): void; reject(e: Error): void }>();

  const failAll = (w: Worker, e: Error) => {
    if (worker !== w) return;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
    worker = null;
  };

  function ensureWorker(): Worker {
    if (worker) return worker;
    const w = startWorker(import.meta.url, 'pdf-worker', undefined, { maxOldGenerationSizeMb: WORKER_HEAP_MB });
    w.on('message', (reply: RenderReply) => {
      if ('progress' in reply) {
        opts.onPiece?.(reply.progress);
        return;
      }
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (pending.size === 0) w.unref(); // an idle worker must not keep the process alive
      if (reply.ok) p.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
      else p.reject(new Error(reply.error));
    });
    // A worker that dies (out of memory, terminated) fails its jobs; the next job starts a new one.
    w.on('error', (e) => failAll(w, e));
    w.on('exit', (code) => failAll(w, new Error(`PDF worker exited (${code})`)));
    w.unref();
    worker = w;
    return w;
  }

  return {
    async render(job) {
      const pages = await jsonInPieces(pagesOf(job));
      const id = nextId++;
      return new Promise<Buffer>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const w = ensureWorker();
        w.ref();
        w.postMessage({ id, kind: job.kind, title: job.title, context: job.context, pagesPerPiece: opts.pagesPerPiece, pages } satisfies RenderRequest);
      });
    },
    async close() {
      const w = worker;
      if (w) {
        failAll(w, new Error('PDF worker closed'));
        await w.terminate();
      }
    },
  };
}
