/** The part of fontkit (pdfkit's font reader) that font-coverage.ts uses; the package ships no types. */
declare module 'fontkit' {
  interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function openSync(file: string): Font | { fonts: Font[] };
}
