/**
 * The main thread's handle on the PDF worker. One long-lived worker renders jobs in turn,
 * so the main thread's event loop keeps serving the grid and the LAN pages meanwhile.
 */
import { startWorker } from '../support/start-worker';
import { jsonInPieces } from '../support/json-in-pieces';
import { workerCalls } from '../support/worker-calls';
import { pagesOf, type RenderJob, type RenderRequest } from './render-request';

export interface PdfRenderer {
  render(job: RenderJob): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * The worker's heap, bounded: pieces keep a notice's need flat (a piece's layout, and some 1 KB a
 * page that pdfkit keeps until the end: about 160 MB at 30,000 notices), and a bound makes V8
 * collect instead of growing. A worker that dies anyway is an issue refused with a Japanese
 * message, nothing stored.
 */
const WORKER_HEAP_MB = 384;

export interface PdfRendererOptions {
  /** pages pdfmake lays out at once (render-in-pieces.ts); smaller in tests, to make many pieces of a few pages */
  pagesPerPiece?: number;
  /** after each piece: the pages of the running job rendered so far */
  onPiece?: (pagesDone: number) => void;
}

export function createPdfRenderer(opts: PdfRendererOptions = {}): PdfRenderer {
  const calls = workerCalls<RenderRequest, Uint8Array>(
    () => startWorker(import.meta.url, 'pdf-worker', undefined, { maxOldGenerationSizeMb: WORKER_HEAP_MB }),
    { onProgress: opts.onPiece },
  );
  return {
    async render(job) {
      const pages = await jsonInPieces(pagesOf(job));
      const pdf = await calls.call({ kind: job.kind, title: job.title, context: job.context, pagesPerPiece: opts.pagesPerPiece, pages });
      return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    },
    close: () => calls.close(),
  };
}
