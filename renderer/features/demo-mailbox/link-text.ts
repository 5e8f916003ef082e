/** A piece of a mail's text: plain, or an http(s) address to be shown as a link. */
export type TextPart = { kind: 'text'; text: string } | { kind: 'url'; url: string };

const URL_PATTERN = /(https?:\/\/[^\s<>"'「」（）、。]+)/u;
/** Punctuation that ends a sentence rather than the address. */
const TRAILING = /[.,;:!?)\]}]+$/u;

/** Splits a mail's text into plain parts and http(s) URLs; nothing else becomes a link. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  const pushText = (s: string) => {
    if (!s) return;
    const last = parts[parts.length - 1];
    if (last?.kind === 'text') last.text += s;
    else parts.push({ kind: 'text', text: s });
  };
  // split() with a capturing group: odd positions are the matches.
  text.split(URL_PATTERN).forEach((piece, i) => {
    if (i % 2 === 0) return pushText(piece);
    const tail = TRAILING.exec(piece)?.[0] ?? '';
    const url = piece.slice(0, piece.length - tail.length);
    if (/^https?:\/\/./u.test(url)) parts.push({ kind: 'url', url });
    else pushText(url);
    pushText(tail);
  });
  return parts;
}
