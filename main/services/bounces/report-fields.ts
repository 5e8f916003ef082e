/**
 * The header-style text of a delivery report's parts (RFC 3464 §2.1: blocks of "Name: value"
 * fields separated by blank lines, values folded onto indented lines) and of a returned message's
 * header section. Field names are case-insensitive; a repeated field keeps its first value.
 */

export type FieldBlock = Map<string, string>;

/** Blocks of fields: the first is the per-message block of a delivery-status part, the rest per recipient. */
export function parseFieldBlocks(text: string): FieldBlock[] {
  const blocks: FieldBlock[] = [];
  let current: FieldBlock | null = null;
  let last: string | null = null;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      current = null;
      last = null;
      continue;
    }
    if (/^[ \t]/.test(line) && current && last) {
      current.set(last, `${current.get(last)} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue; // not a field: left out, the rest of the block still counts
    if (!current) blocks.push((current = new Map()));
    const name = line.slice(0, colon).trim().toLowerCase();
    last = name;
    if (!current.has(name)) current.set(name, line.slice(colon + 1).trim());
    else last = null; // a repeated field's continuation lines belong to the ignored repeat
  }
  return blocks;
}

/** The header section of a message (up to its first blank line), as one block. */
export function parseHeaderSection(text: string): FieldBlock {
  const end = text.search(/\r?\n\r?\n/);
  return parseFieldBlocks(end >= 0 ? text.slice(0, end) : text)[0] ?? new Map();
}

/** The first <id> of a Message-ID-like value. */
export function messageIdIn(value: string | undefined): string | null {
  const m = value ? /<([^<>\s]{1,250}@[^<>\s]{1,250})>/.exec(value) : null;
  return m ? `<${m[1]}>` : null;
}

/** "rfc822; user@example.jp" (or "<user@example.jp>") → user@example.jp */
export function addressIn(value: string | undefined): string | null {
  if (!value) return null;
  const after = value.includes(';') ? value.slice(value.indexOf(';') + 1) : value;
  const m = /<?([^\s<>;]+@[^\s<>;]+?)>?\s*$/.exec(after.trim());
  return m ? m[1]!.toLowerCase() : null;
}
