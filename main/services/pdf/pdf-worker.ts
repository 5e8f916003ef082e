/** Worker-thread entry: renders notices off the main thread (see pdf-renderer-client.ts). */
import { parentPort } from 'node:worker_threads';
import {
  adminPasswordNoticePage, passcodeNoticePage, passwordNoticePage, type AdminPasswordNotice, type PasscodeNotice, type PasswordNotice,
} from './notice-document';
import type { RenderReply, RenderRequest } from './render-request';
import { renderInPieces } from './render-in-pieces';

const reply = (r: RenderReply, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(r, transfer);

parentPort!.on('message', async (req: RenderRequest) => {
  try {
    const pages = JSON.parse(req.pages) as unknown[];
    const pageAt = req.kind === 'password'
      ? (i: number) => passwordNoticePage(req.context, pages[i] as PasswordNotice)
      : req.kind === 'passcode'
        ? (i: number) => passcodeNoticePage(req.context, pages[i] as PasscodeNotice)
        : (i: number) => adminPasswordNoticePage(req.context, pages[i] as AdminPasswordNotice);
    const pdf = await renderInPieces(pages.length, pageAt, req.title, {
      pagesPerPiece: req.pagesPerPiece,
      onPiece: (pagesDone) => reply({ id: req.id, progress: pagesDone }),
    });
    const bytes = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength ? pdf : pdf.slice();
    reply({ id: req.id, ok: true, pdf: bytes }, [bytes.buffer as ArrayBuffer]);
  } catch (e) {
    reply({ id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
