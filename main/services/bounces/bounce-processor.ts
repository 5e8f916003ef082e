/**
 * A delivery report read from the mailbox, matched to one of our mails and recorded on it:
 * - by the original's Message-ID the report quotes (ours are unique, stored before the mail left);
 *   a quoted Message-ID that is not ours means the report is about someone else's mail: ignored,
 *   never matched by address instead;
 * - without one, by recipient and time: the one mail of ours to that address sent in the days
 *   before the report; two or more could match → not matched (never a guess).
 * Recording is idempotent (the same report read twice changes nothing), so a mailbox read again
 * after a lost connection or a crash marks nothing twice.
 */
import type { Database } from 'better-sqlite3';
import { recordBounce, selectMailByMessageId, selectMailsTo, type SentMailRow } from '../../../db/queries/mail-bounces';
import type { Clock } from '../support/clock';
import type { Logger } from '../support/logger';
import { readDeliveryReport, type DeliveryReport } from './parse-report';

/** A report can come days after the mail (a delay notice up to 5 days, then the failure); links live at most 14 days. */
export const MATCH_WINDOW_MS = 15 * 86_400_000;
/** A reporting server's clock may be a little ahead of ours. */
const CLOCK_SKEW_MS = 10 * 60_000;

/** 'ours': about one of our mails (recorded, or already recorded) — the message may be flagged as read. */
export type ReportOutcome = 'ours' | 'notOurs' | 'ambiguous' | 'notReport' | 'malformed';

export interface ProcessorDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** something changed: the grid's marks (employeesChanged) and, for mails of bulk jobs, their results */
  onRecorded(changed: { employeeIds: number[]; jobIds: string[] }): void;
}

export class BounceProcessor {
  constructor(private readonly deps: ProcessorDeps) {}

  /** One message of the mailbox, whole. */
  async handle(source: Buffer): Promise<ReportOutcome> {
    const read = await readDeliveryReport(source);
    if (read.kind === 'notReport') return 'notReport';
    if (read.kind === 'malformed') {
      this.deps.logger.warn('a delivery report could not be read; left as it is', { why: read.why });
      return 'malformed';
    }
    return this.record(read.report);
  }

  /** Matches and records a report (one transaction); exported for the bench's and the tests' direct use. */
  record(report: DeliveryReport): ReportOutcome {
    const { db, clock } = this.deps;
    const now = clock.now();
    const changedEmployees = new Set<number>();
    const changedJobs = new Set<string>();
    let ours = false;
    let ambiguous = false;
    db.transaction(() => {
      for (const r of report.recipients) {
        const match = this.match(report, r.address, now);
        if (match === 'ambiguous') {
          ambiguous = true;
          continue;
        }
        if (!match) continue;
        ours = true;
        const done = recordBounce(db, match.id, { kind: r.kind, status: r.status, diagnostic: r.diagnostic, at: report.anchorAt ?? now });
        if (done?.changed) {
          changedEmployees.add(done.employeeId);
          if (match.jobId) changedJobs.add(match.jobId);
        }
      }
    }).immediate();
    if (changedEmployees.size > 0) {
      this.deps.logger.info('delivery report recorded', { employees: [...changedEmployees], shape: report.shape });
      this.deps.onRecorded({ employeeIds: [...changedEmployees], jobIds: [...changedJobs] });
    }
    if (ours) return 'ours';
    if (ambiguous) {
      this.deps.logger.warn('a delivery report could match more than one mail; not matched', { shape: report.shape });
      return 'ambiguous';
    }
    return 'notOurs';
  }

  private match(report: DeliveryReport, address: string, now: number): SentMailRow | 'ambiguous' | null {
    const { db } = this.deps;
    if (report.originalMessageId) {
      const mail = selectMailByMessageId(db, report.originalMessageId);
      // our mails have one recipient: a report naming another address is not about this mail
      if (!mail || mail.address.toLowerCase() !== address.toLowerCase()) return null;
      return mail;
    }
    const anchor = Math.min(report.anchorAt ?? now, now);
    const candidates = selectMailsTo(db, address, anchor - MATCH_WINDOW_MS, anchor + CLOCK_SKEW_MS);
    if (candidates.length === 0) return null;
    return candidates.length === 1 ? candidates[0]! : 'ambiguous';
  }
}
