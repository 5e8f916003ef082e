/**
 * A notice of any length at a flat memory cost. pdfmake lays out a whole document before it
 * writes a byte (about 0.12 MB a page: 4 GB for 30,000 notices), so the pages are laid out and
 * drawn a piece at a time into one PDF (render-pdf.ts, startPdf). What the administrator gets is
 * unchanged: one PDF, one A4 page per employee, the fonts embedded.
 */
import type { Content } from 'pdfmake/interfaces';
import { noticeDocument } from './notice-document';
import { startPdf } from './render-pdf';

/** Pages pdfmake lays out at once: about 60 MB of layout at most. */
export const PAGES_PER_PIECE = 500;

export async function renderInPieces(
  count: number,
  pageAt: (i: number) => Content[],
  title: string,
  opts: { pagesPerPiece?: number; onPiece?: (pagesDone: number) => void } = {},
): Promise<Buffer> {
  const per = Math.max(1, opts.pagesPerPiece ?? PAGES_PER_PIECE);
  const piece = (start: number) => {
    const end = Math.min(count, start + per);
    return noticeDocument(Array.from({ length: end - start }, (_, i) => pageAt(start + i)), title);
  };
  const pdf = await startPdf(piece(0));
  opts.onPiece?.(Math.min(count, per));
  for (let start = per; start < count; start += per) {
    pdf.add(piece(start).content);
    opts.onPiece?.(Math.min(count, start + per));
  }
  return pdf.finish();
}
