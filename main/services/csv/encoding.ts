import iconv from 'iconv-lite';

export type CsvEncoding = 'sjis' | 'utf8';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Characters Shift_JIS (CP932) cannot hold, e.g. 𠮷; 髙, 﨑 and ① it can. */
export function unencodableInSjis(text: string): string[] {
  const bad = new Set<string>();
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) continue;
    if (iconv.decode(iconv.encode(ch, 'cp932'), 'cp932') !== ch) bad.add(ch);
  }
  return [...bad];
}

/** Shift_JIS (what Excel on Japanese Windows opens on a double click) or UTF-8 with a BOM. */
export function encodeCsv(text: string, encoding: CsvEncoding): Buffer {
  return encoding === 'sjis' ? iconv.encode(text, 'cp932') : Buffer.concat([BOM, Buffer.from(text, 'utf8')]);
}

export type Decoded = { ok: true; text: string; encoding: CsvEncoding } | { ok: false; reason: 'binary' | 'empty' };

/** UTF-8 with or without a BOM when the bytes are valid UTF-8, else Shift_JIS; NUL bytes mean not a CSV. */
export function decodeCsv(bytes: Buffer, forced: CsvEncoding | 'auto'): Decoded {
  const body = bytes.subarray(0, 3).equals(BOM) ? bytes.subarray(3) : bytes;
  if (body.length === 0 || body.toString('latin1').trim() === '') return { ok: false, reason: 'empty' };
  if (body.includes(0)) return { ok: false, reason: 'binary' };
  if (forced === 'sjis') return { ok: true, text: iconv.decode(body, 'cp932'), encoding: 'sjis' };
  if (forced === 'utf8') return { ok: true, text: body.toString('utf8'), encoding: 'utf8' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf8' };
  } catch {
    return { ok: true, text: iconv.decode(body, 'cp932'), encoding: 'sjis' };
  }
}
