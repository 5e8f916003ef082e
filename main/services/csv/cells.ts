/**
 * Cells people typed that a spreadsheet would run as a formula (= + - @, tab, CR at the start)
 * are written with a leading apostrophe, which Excel shows as text; an upload takes the
 * apostrophe off again (OWASP CSV injection). A typed value that itself begins with apostrophes
 * before such a character gets one more, so that a download–upload round trip returns exactly
 * what was typed. Values the product writes (statuses such as 「-」, dates) are never guarded:
 * they are ours, and an upload ignores them.
 */
/** what the upload would take an apostrophe off: apostrophes, then a formula character */
const GUARDED = /^'*[=+\-@\t\r]/;

export const neutralise = (value: string): string => (GUARDED.test(value) ? `'${value}` : value);

export const unneutralise = (value: string): string =>
  value.startsWith("'") && GUARDED.test(value.slice(1)) ? value.slice(1) : value;

/**
 * 社員コード such as 0011 keep their leading zeros in Excel when written as ="0011" (a
 * formula of our own making: codes are letters, digits and hyphens only, never quotes).
 */
export const protectCode = (code: string): string => (code === '' ? '' : `="${code}"`);

export const unprotectCode = (cell: string): string => {
  const m = /^="([^"]*)"$/.exec(cell);
  return m ? m[1]! : cell;
};
