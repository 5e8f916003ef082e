/**
 * pdfmake with the BIZ UD fonts embedded (subset), so a notice prints right on a machine
 * without Japanese fonts. Runs in the PDF worker thread (pdf-worker.ts), never on the
 * main thread: 1,000 pages take over a second.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

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

export function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  return engine().createPdf(doc).getBuffer();
}
