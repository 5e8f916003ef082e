import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of each page, as a reader (or a screen reader) would get it back from the PDF. */
export async function pdfPagesText(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    // one line per text run; the blank runs pdfjs reports between them carry nothing
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).filter((s) => s.trim() !== '').join('\n'));
  }
  await doc.destroy();
  return pages;
}
