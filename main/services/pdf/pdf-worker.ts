/** Worker-thread entry: renders notices off the main thread (see pdf-renderer-client.ts). */
import {
  adminPasswordNoticePage, passcodeNoticePage, passwordNoticePage, type AdminPasswordNotice, type PasscodeNotice, type PasswordNotice,
} from './notice-document';
import { giveWayToTheLan } from '../support/background-priority';
import { answerCalls } from '../support/worker-calls';
import type { RenderRequest } from './render-request';
import { renderInPieces } from './render-in-pieces';

await giveWayToTheLan(); // before any work: the LAN goes first from the start
answerCalls(async (req: RenderRequest, progress) => {
  const pages = JSON.parse(req.pages) as unknown[];
  const pageAt = req.kind === 'password'
    ? (i: number) => passwordNoticePage(req.context, pages[i] as PasswordNotice)
    : req.kind === 'passcode'
      ? (i: number) => passcodeNoticePage(req.context, pages[i] as PasscodeNotice)
      : (i: number) => adminPasswordNoticePage(req.context, pages[i] as AdminPasswordNotice);
  const pdf = await renderInPieces(pages.length, pageAt, req.title, { pagesPerPiece: req.pagesPerPiece, onPiece: progress });
  // its own whole block (growing-bytes.ts), which moves to the main thread instead of being copied
  return pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength ? pdf : pdf.slice();
}, (pdf) => [pdf.buffer as ArrayBuffer]);
