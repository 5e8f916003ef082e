/**
 * Which characters of a name the notice cannot print. The BIZ UD fonts embedded in the PDF
 * cover JIS X 0213 (髙, 﨑, ①, ｱ …) but not every Unicode character: 𠮷 (U+20BB7), emoji and
 * the like come out as empty boxes, and zero-width or control characters print as nothing at
 * all. The issue screens warn before such a notice is delivered.
 *
 * Each font's character map is read once, on first use (about 0.15 s), with fontkit — the
 * same reader pdfkit embeds the fonts with.
 */
import { openSync, type Font } from 'fontkit';
import type { UnprintableName } from '../../../preload/contract';
import { FONTS } from './render-pdf';

export type NoticeFont = keyof typeof FONTS;

/**
 * Never printable whatever the font: control (Cc), format (Cf: U+200B zero-width space, U+200D
 * joiner, U+FEFF, bidi marks …), surrogate (Cs), private-use (Co) and unassigned (Cn) code points,
 * and the line and paragraph separators.
 */
const NEVER_PRINTED = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u;

/** Per font: the font, and each character's answer once asked (names share most of their characters). */
const fonts = new Map<NoticeFont, { font: Font; printable: Map<string, boolean> }>();

function printable(ch: string, name: NoticeFont): boolean {
  let entry = fonts.get(name);
  if (!entry) {
    const opened = openSync(FONTS[name].normal);
    entry = { font: 'fonts' in opened ? opened.fonts[0]! : opened, printable: new Map() };
    fonts.set(name, entry);
  }
  let answer = entry.printable.get(ch);
  if (answer === undefined) {
    answer = !NEVER_PRINTED.test(ch) && entry.font.hasGlyphForCodePoint(ch.codePointAt(0)!);
    entry.printable.set(ch, answer);
  }
  return answer;
}

/** The characters of `text` that `font` cannot print, each once, in the order they appear. */
export function unprintableCharacters(text: string, font: NoticeFont = 'Text'): string[] {
  const found: string[] = [];
  for (const ch of text) {
    if (!found.includes(ch) && !printable(ch, font)) found.push(ch);
  }
  return found;
}

/**
 * The issue screen's warning: the employees whose printed name or 所属 has such characters, and
 * the 法人名 (employeeId null) when it has some — it is printed at the top of every notice.
 */
export function unprintableNames(
  companyName: string, employees: { employeeId: number; name: string; department?: string }[],
): UnprintableName[] {
  const warnings: UnprintableName[] = [];
  const company = unprintableCharacters(companyName);
  if (company.length > 0) warnings.push({ employeeId: null, name: companyName, characters: company });
  for (const e of employees) {
    const characters = unprintableCharacters(e.name);
    const inDepartment = e.department ? unprintableCharacters(e.department) : [];
    if (characters.length === 0 && inDepartment.length === 0) continue;
    warnings.push({
      employeeId: e.employeeId, name: e.name, characters,
      ...(inDepartment.length > 0 ? { department: { text: e.department!, characters: inDepartment } } : {}),
    });
  }
  return warnings;
}
