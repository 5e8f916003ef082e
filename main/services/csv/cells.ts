/**
 * Cells a spreadsheet would run as a formula (= + - @, tab, CR at the start) are written
 * with a leading apostrophe, which Excel shows as text; an upload takes the apostrophe
 * off again, so a download–upload round trip returns the same data (OWASP CSV injection).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export const neutralise = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

export const unneutralise = (value: string): string =>
  value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;

/**
 * 社員コード such as 0011 keep their leading zeros in Excel when written as ="0011" (a
 * formula of our own making: codes are letters, digits and hyphens only, never quotes).
 */
export const protectCode = (code: string): string => (code === '' ? '' : `="${code}"`);

export const unprotectCode = (cell: string): string => {
  const m = /^="([^"]*)"$/.exec(cell);
  return m ? m[1]! : cell;
};
