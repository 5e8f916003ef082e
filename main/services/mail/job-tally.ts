/**
 * How many rows of the running bulk-mail job are in each state, kept by the job itself as its
 * commits succeed. The progress line refreshes ten times a second; counting the job's rows in
 * SQLite each time scanned all of them (1–2 ms on the main thread at 10,000 rows, 2–3 % of the
 * job's main-thread time). The figures the administrator keeps (the result, the last line of a
 * job) are still counted from the rows.
 */
import type { JobItemState } from '../../../db/queries/bulk-mail';

export type JobCounts = Record<JobItemState, number>;

export class JobTally {
  private readonly counts: JobCounts;

  /** `stored`: the rows as counted in the database when the job (re)starts */
  constructor(stored: JobCounts) {
    this.counts = { ...stored };
  }

  /** `rows` rows went from `from` to `to` (in a commit that succeeded) */
  move(from: JobItemState, to: JobItemState, rows = 1): void {
    this.counts[from] -= rows;
    this.counts[to] += rows;
  }

  get(): Readonly<JobCounts> {
    return this.counts;
  }
}
