/**
 * A bulk mail job's counts, as the bulkMailProgress event carries them. The event stream
 * and the status calls travel separately, so an older answer can land after a newer one:
 * `newer` keeps whichever has got further.
 */
import type { BulkMailStatus, Events } from '../../../preload/contract';

export type JobProgress = Events['bulkMailProgress'];

export const progressOf = (s: BulkMailStatus): JobProgress => ({
  jobId: s.jobId, total: s.total, sent: s.sent, failed: s.failed, excluded: s.excluded, uncertain: s.uncertain, pending: s.pending,
  running: s.running, bounced: s.bounced ?? 0,
});

/** Rows done with, whatever the outcome: the progress bar's value. */
export const processed = (p: JobProgress): number => p.sent + p.failed + p.excluded + p.uncertain;

/** Ended for good: nothing left to send and nothing sending. */
export const finished = (p: JobProgress): boolean => !p.running && p.pending === 0;

/** Stopped by a restart with rows never sent: 「再開」 runs them. */
export const interrupted = (p: JobProgress): boolean => !p.running && p.pending > 0;

/** The later of two reports (another job's report always wins: it is the newer job). */
export function newer(current: JobProgress | null, next: JobProgress): JobProgress {
  if (!current || current.jobId !== next.jobId) return next;
  if (processed(next) < processed(current)) return current;
  // reports found later (送信エラーの確認) only ever add up
  if (processed(next) === processed(current) && (next.bounced ?? 0) < (current.bounced ?? 0)) return current;
  // Same count: a job that ended stays ended (a late 'running' answer is stale).
  if (processed(next) === processed(current) && finished(current) && next.running) return current;
  return next;
}
