/** Worker-thread entry: renders notices off the main thread (see pdf-renderer-client.ts). */
import { parentPort } from 'node:worker_threads';
import { adminPasswordNoticePage, noticeDocument, passcodeNoticePage, passwordNoticePage } from './notice-document';
import type { RenderRequest } from './render-request';
import { renderPdf } from './render-pdf';

parentPort!.on('message', async (req: RenderRequest) => {
  try {
    const pages = req.kind === 'password' ? req.passwords.map((e) => passwordNoticePage(req.context, e))
      : req.kind === 'passcode' ? req.passcodes.map((e) => passcodeNoticePage(req.context, e))
      : req.admins.map((a) => adminPasswordNoticePage(req.context, a));
    const pdf = await renderPdf(noticeDocument(pages, req.title));
    const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength).slice();
    parentPort!.postMessage({ id: req.id, ok: true, pdf: bytes }, [bytes.buffer]);
  } catch (e) {
    parentPort!.postMessage({ id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
