/** One line of `npm run bench`: a figure, the baseline measured in the same run, and the target. */
export interface BenchRow {
  entry: string;
  figure: string;
  baseline: string;
  /** figure / baseline where both are times; null where there is no baseline */
  ratio: number | null;
  target: string;
  met: boolean | null;
}

export function printTable(rows: BenchRow[]): string {
  const header = ['entry', 'figure', 'baseline', 'ratio', 'target', 'met'];
  const cells = rows.map((r) => [
    r.entry, r.figure, r.baseline, r.ratio === null ? '-' : `${r.ratio.toFixed(2)}×`, r.target,
    r.met === null ? '-' : r.met ? 'yes' : 'NO',
  ]);
  const lines = [header, header.map(() => '---'), ...cells].map((c) => `| ${c.join(' | ')} |`);
  return lines.join('\n');
}
