/**
 * A notice of any length at a flat memory cost. pdfmake lays out a whole document before it
 * writes a byte (about 0.12 MB a page: 4 GB for 30,000 notices), so the pages are rendered a
 * piece at a time and the pieces' pages copied into one PDF with pdf-lib. What the administrator
 * gets is unchanged: one PDF, one A4 page per employee, the fonts embedded (each piece brings its
 * own subset of them, a few tens of KB).
 */
import { ParseSpeeds, PDFDocument } from 'pdf-lib';
import type { Content } from 'pdfmake/interfaces';
import { noticeDocument } from './notice-document';
import { renderPdf } from './render-pdf';

/** Pages rendered by pdfmake at once: about 60 MB of layout at most, and few font subsets. */
export const PAGES_PER_PIECE = 500;

export async function renderInPieces(
  count: number,
  pageAt: (i: number) => Content[],
  title: string,
  opts: { pagesPerPiece?: number; onPiece?: (pagesDone: number) => void } = {},
): Promise<Uint8Array> {
  const per = Math.max(1, opts.pagesPerPiece ?? PAGES_PER_PIECE);
  const out = await PDFDocument.create({ updateMetadata: false });
  const { info } = noticeDocument([], title);
  for (let start = 0; start < count; start += per) {
    const end = Math.min(count, start + per);
    const pages = Array.from({ length: end - start }, (_, i) => pageAt(start + i));
    const piece = await PDFDocument.load(await renderPdf(noticeDocument(pages, title)), {
      parseSpeed: ParseSpeeds.Fastest, updateMetadata: false,
    });
    for (const page of await out.copyPages(piece, piece.getPageIndices())) out.addPage(page);
    opts.onPiece?.(end);
  }
  out.setTitle(info?.title ?? title);
  if (info?.creator) out.setCreator(info.creator);
  if (info?.producer) out.setProducer(info.producer);
  out.setCreationDate(new Date());
  // objectsPerTick: pdf-lib would otherwise pause on a timer every 50 objects (seconds at 30,000 pages);
  // this runs in the PDF worker thread, where nothing else waits for the loop.
  return out.save({ objectsPerTick: Infinity });
}
