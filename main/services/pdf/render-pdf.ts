/**
 * pdfmake with the BIZ UD fonts embedded (subset), so a notice prints right on a machine
 * without Japanese fonts. Runs in the PDF worker thread (pdf-worker.ts), never on the
 * main thread: 1,000 pages take over a second.
 */
import { once } from 'node:events';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { GrowingBytes } from './growing-bytes';

const require = createRequire(import.meta.url);

const fontFile = (pkg: string, weight: '400Regular' | '700Bold', file: string) =>
  path.join(path.dirname(require.resolve(`@expo-google-fonts/${pkg}/package.json`)), weight, file);

export const FONTS = {
  // proportional, for running text
  Text: {
    normal: fontFile('biz-udpgothic', '400Regular', 'BIZUDPGothic_400Regular.ttf'),
    bold: fontFile('biz-udpgothic', '700Bold', 'BIZUDPGothic_700Bold.ttf'),
  },
  // fixed-width, for login IDs, passwords and URLs: every character in its own cell
  Mono: {
    normal: fontFile('biz-udgothic', '400Regular', 'BIZUDGothic_400Regular.ttf'),
    bold: fontFile('biz-udgothic', '700Bold', 'BIZUDGothic_700Bold.ttf'),
  },
};
const ALLOWED_FILES = new Set(Object.values(FONTS).flatMap((f) => Object.values(f)));

interface PdfMake {
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (file: string) => boolean): void;
  setFonts(fonts: typeof FONTS): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
  // what createPdf hands its printer (pdfmake/js/base.js), read by startPdf below
  fonts: typeof FONTS; virtualfs: unknown; urlAccessPolicy: (url: string) => boolean; localAccessPolicy: (file: string) => boolean;
}

let pdfmake: PdfMake | undefined;
function engine(): PdfMake {
  if (!pdfmake) {
    pdfmake = require('pdfmake') as PdfMake;
    // No document may fetch a URL or read any file but our fonts.
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((file) => ALLOWED_FILES.has(file));
    pdfmake.setFonts(FONTS);
  }
  return pdfmake;
}

/** A whole document at once: its layout stays in memory until the last byte is written. */
export function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  return engine().createPdf(doc).getBuffer();
}

/** One PDF that grows a piece at a time (see startPdf). */
export interface PdfInPieces {
  /** lays out `content` on pages of its own, after the pages so far, and draws them */
  add(content: Content): void;
  /** writes the fonts (a subset: the characters of every piece) and the trailer */
  finish(): Promise<Buffer>;
}

/**
 * One PDF, laid out and drawn a piece at a time, so that memory holds one piece's layout, not the
 * whole document's (about 0.12 MB a page). pdfmake's public API lays out a whole document before it
 * draws a page, so this drives its two stages itself: its printer draws the first piece and opens
 * the pdfkit document, then each further piece is laid out by pdfmake's LayoutBuilder with the first
 * piece's page settings and drawn by its Renderer into the same document. pdfkit writes each page
 * out as the next one starts. The same fonts, the same access policies and the same layout code as
 * renderPdf: a notice in pieces is the notice it would be at once (pdf-pieces.test.ts compares them).
 * These modules are pdfmake's own but not its documented API, so package.json pins pdfmake exactly.
 */
export async function startPdf(first: TDocumentDefinitions): Promise<PdfInPieces> {
  const pm = engine();
  const URLResolver = require('pdfmake/js/URLResolver').default;
  const Printer = require('pdfmake/js/Printer').default;
  const LayoutBuilder = require('pdfmake/js/LayoutBuilder').default;
  const Renderer = require('pdfmake/js/Renderer').default;
  const SVGMeasure = require('pdfmake/js/SVGMeasure').default;
  const { normalizePageSize, normalizePageMargin } = require('pdfmake/js/PageSize');
  const { tableLayouts } = require('pdfmake/js/tableLayouts');

  const urls = new URLResolver(pm.virtualfs);
  urls.setUrlAccessPolicy(pm.urlAccessPolicy);
  const printer = new Printer(pm.fonts, pm.virtualfs, urls, pm.localAccessPolicy);
  // the settings only: the first piece's content, measured and laid out, is not kept
  const { pageSize, pageOrientation, pageMargins, styles, defaultStyle } = first;
  const doc = await printer.createPdfKitDocument(first);

  // The bytes written so far, taken after each piece. Left to flow, they would wait in the stream
  // until the loop turns, each page's compressed stream in 16 KB of its own.
  const written = new GrowingBytes();
  const take = () => { for (let bytes: Buffer | null; (bytes = doc.read()) !== null;) written.append(bytes); };
  take();
  return {
    add(content) {
      forgetLaidOutWords(doc);
      const builder = new LayoutBuilder(normalizePageSize(pageSize, pageOrientation), normalizePageMargin(pageMargins ?? 40), new SVGMeasure());
      builder.registerTableLayouts(tableLayouts);
      const pages = builder.layoutDocument(content, doc, styles ?? {}, defaultStyle ?? { fontSize: 12, font: 'Roboto' });
      new Renderer(doc).renderPages(pages);
      take();
    },
    async finish() {
      const ended = once(doc, 'end');
      doc.end();
      doc.on('data', (bytes: Buffer) => written.append(bytes));
      await ended;
      return written.bytes();
    },
  };
}

/**
 * pdfkit keeps the glyphs of every word it has laid out, for the document's life: with a name, a
 * login ID and a password of its own on every page, that is some 15 KB a page. A piece's pages
 * share their labels, not their words, so each piece starts with an empty cache.
 */
function forgetLaidOutWords(doc: { fontCache: Record<string, Record<string, { layoutCache?: object }>> }): void {
  for (const family of Object.values(doc.fontCache)) {
    for (const font of Object.values(family)) if (font.layoutCache) font.layoutCache = Object.create(null);
  }
}
