import type { ImportPreviewRow } from '../../../preload/contract';

/** Rows without a problem shown in the preview table; the rest are only counted. */
export const QUIET_ROWS_SHOWN = 200;

export const hasProblem = (row: ImportPreviewRow): boolean => row.errors.length > 0 || row.warnings.length > 0;

/**
 * What the preview table renders, in line order: every row with an error or a warning, and
 * the first rows without one. 10,000 rows as DOM would make the screen sluggish, and
 * nobody reads 10,000 「変更なし」 lines.
 */
export function visibleRows(rows: readonly ImportPreviewRow[]): { shown: ImportPreviewRow[]; hidden: number } {
  const shown: ImportPreviewRow[] = [];
  let quiet = 0;
  for (const row of rows) {
    if (hasProblem(row)) shown.push(row);
    else if (quiet < QUIET_ROWS_SHOWN) {
      shown.push(row);
      quiet++;
    }
  }
  return { shown, hidden: rows.length - shown.length };
}
