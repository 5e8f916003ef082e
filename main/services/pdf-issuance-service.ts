/**
 * PDF issuance of passwords and passcodes (SPEC §5). Nothing is lost: passwords are made
 * in memory, the notice is rendered, and only after it has been delivered — written to
 * the chosen file, accepted by the printer, or fully sent as a download — are the hashes
 * and statuses committed, in one transaction. A failed or cancelled delivery changes nothing.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type {
  IssueKind, IssueOutcome, IssuePreview, IssueResult, IssueRowResult,
} from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import { factsOf, type EmployeeDbRow } from '../../db/queries/employee-columns';
import {
  revokeOpenLinks, selectIssueCandidates, selectUnissuedPasscodeIds, storeIssuedPasscode, storeIssuedPassword,
} from '../../db/queries/issuance';
import { readSettings } from '../../db/queries/settings';
import { generatePasscode } from './credentials/passcode-generator';
import { generatePassword } from './credentials/password-generator';
import { applyEvent } from './domain/status';
import type { NoticeContext } from './pdf/notice-document';
import type { PdfRenderer } from './pdf/pdf-renderer-client';
import { AppError } from './support/errors';
import type { Clock } from './support/clock';
import type { EventBus } from './support/event-bus';
import type { Logger } from './support/logger';
import { hashSecret } from './support/secret-hasher';
import { formatDateTime } from '../../preload/i18n/format-date-time';
import { unprintableNames } from './pdf/font-coverage';

export type IssueScope =
  | { kind: 'password'; mode: 'individual' | 'bulk'; ids: number[] }
  | { kind: 'passcode'; mode: 'individual' | 'bulk'; ids: number[] }
  | { kind: 'passcode'; mode: 'allUnissued' };

export type Delivery = 'delivered' | 'cancelled';

/** A rendered notice waiting for its delivery. Holds plain secrets only in memory, briefly. */
export interface PreparedIssue {
  readonly id: string;
  readonly kind: IssueKind;
  readonly pdf: Buffer;
  readonly fileName: string;
  readonly preview: IssuePreview;
  /** when hashing and rendering finished, from the start of preparation (for the log and the benchmark) */
  readonly timings: { hashMs: number; renderMs: number; totalMs: number };
  /** After a successful delivery: store hashes and statuses in one transaction. */
  commit(): IssueResult;
  /** After a failed or cancelled delivery: nothing is stored; the result says why. */
  fail(note: string): IssueResult;
}

export interface PdfIssuanceDeps {
  db: Database;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  renderer: PdfRenderer;
  portalUrl: () => string;
}

interface Planned { row: EmployeeDbRow; readonly secret: string; hash: Promise<string> }

const PREPARED_TTL_MS = 10 * 60_000;

export class PdfIssuanceService {
  private readonly prepared = new Map<string, { issue: PreparedIssue; expires: number }>();
  private readonly delivering = new Set<string>();
  private readonly results = new Map<string, IssueResult>();
  private readonly waiters = new Map<string, (r: IssueResult) => void>();

  constructor(private readonly deps: PdfIssuanceDeps) {}

  /** Generates, hashes and renders; stores nothing. Bulk password issue takes only 未発行 rows. */
  async prepare(scope: IssueScope): Promise<PreparedIssue> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const ids = scope.mode === 'allUnissued' ? selectUnissuedPasscodeIds(db) : scope.ids;
    const rows = selectIssueCandidates(db, ids, now);
    if (scope.mode === 'individual' && rows.length === 0) throw new AppError('NOT_FOUND', ja.issue.notFound);
    const found = new Set(rows.map((r) => r.id));
    const excluded: IssueRowResult[] = ids.filter((id) => !found.has(id)).map((id) => ({
      employeeId: id, loginId: '', name: '', outcome: 'excluded', note: ja.issue.notFound,
    }));
    const planned: Planned[] = [];
    for (const row of rows) {
      const reason = exclusionReason(scope, row);
      if (reason) excluded.push({ ...rowIdentity(row), outcome: 'excluded', note: reason });
      else {
        const secret = scope.kind === 'password' ? generatePassword() : generatePasscode();
        planned.push({ row, secret, hash: hashSecret(secret) });
      }
    }
    if (planned.length === 0) throw new AppError('VALIDATION', ja.issue.nothingToIssue);

    this.progress(scope.kind, 0, planned.length);
    const started = performance.now();
    const ctx = this.noticeContext(now);
    const title = scope.kind === 'password' ? ja.notice.passwordDocumentTitle : ja.notice.passcodeDocumentTitle;
    // Rendering (worker thread) and hashing (thread pool) run side by side.
    const rendering = scope.kind === 'password'
      ? this.deps.renderer.render({ kind: 'password', title, context: ctx, passwords: planned.map((p) => ({ name: fullName(p.row), loginId: p.row.login_id, password: p.secret })) })
      : this.deps.renderer.render({ kind: 'passcode', title, context: ctx, passcodes: planned.map((p) => ({ name: fullName(p.row), loginId: p.row.login_id, code: p.row.code, passcode: p.secret })) });
    const rendered = rendering.then((pdf) => ({ pdf, renderMs: performance.now() - started }));
    let hashed = 0;
    const hashes = await Promise.all(planned.map(async (p) => {
      const h = await p.hash;
      if (++hashed % 50 === 0) this.progress(scope.kind, hashed, planned.length);
      return h;
    }));
    const hashMs = performance.now() - started;
    const { pdf, renderMs } = await rendered;
    this.progress(scope.kind, planned.length, planned.length);
    const timings = { hashMs, renderMs, totalMs: performance.now() - started };
    this.deps.logger.info('pdf notices prepared', { kind: scope.kind, count: planned.length, ...timings });

    const issue = this.makePrepared(scope.kind, pdf, planned.map((p, i) => ({ row: p.row, hash: hashes[i]! })), excluded, now, timings);
    // names the notice's font cannot print: the screen warns before anything is delivered
    issue.preview.warnings = unprintableNames(ctx.companyName, planned.map((p) => ({ employeeId: p.row.id, name: fullName(p.row) })));
    this.sweep();
    this.prepared.set(issue.id, { issue, expires: now + PREPARED_TTL_MS });
    return issue;
  }

  /**
   * Delivers a prepared issue once: `via` writes, prints or sends the PDF and says whether
   * it arrived. Only then is anything stored. The result also reaches awaitResult().
   */
  async deliver(id: string, via: (pdf: Buffer, fileName: string) => Promise<Delivery>): Promise<IssueResult> {
    this.sweep();
    const entry = this.prepared.get(id);
    if (!entry) throw new AppError('NOT_FOUND', ja.issue.expired);
    this.prepared.delete(id);
    this.delivering.add(id);
    const { issue } = entry;
    let result: IssueResult;
    try {
      const outcome = await via(issue.pdf, issue.fileName);
      result = outcome === 'delivered' ? issue.commit() : issue.fail(ja.issue.cancelled);
    } catch (e) {
      this.deps.logger.warn('pdf delivery failed', { error: e instanceof Error ? e.message : String(e) });
      result = issue.fail(e instanceof AppError ? e.message : ja.issue.deliveryFailed);
    }
    this.delivering.delete(id);
    this.settled(id, result);
    return result;
  }

  /** The result of a delivery made elsewhere (the browser download); gives up after `timeoutMs`. */
  awaitResult(id: string, timeoutMs: number): Promise<IssueResult> {
    const done = this.results.get(id);
    if (done) return Promise.resolve(done);
    // Waiting is fine while the notice is prepared or its bytes are on their way.
    if (!this.prepared.has(id) && !this.delivering.has(id)) return Promise.reject(new AppError('NOT_FOUND', ja.issue.expired));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const entry = this.prepared.get(id);
        if (!entry) return; // being delivered: deliver() settles it
        this.prepared.delete(id);
        this.settled(id, entry.issue.fail(ja.issue.notDownloaded));
      }, timeoutMs);
      this.waiters.set(id, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
  }

  /** The administrator closed the screen without delivering: forget the notice. */
  discard(id: string): void {
    const entry = this.prepared.get(id);
    if (!entry) return;
    this.prepared.delete(id);
    this.settled(id, entry.issue.fail(ja.issue.cancelled));
  }

  private settled(id: string, result: IssueResult): void {
    this.results.set(id, result);
    // Results are small and only kept for the screen that asked; the oldest go first.
    if (this.results.size > 100) this.results.delete(this.results.keys().next().value!);
    this.waiters.get(id)?.(result);
    this.waiters.delete(id);
  }

  private makePrepared(
    kind: IssueKind, pdf: Buffer, items: { row: EmployeeDbRow; hash: string }[], excluded: IssueRowResult[], preparedAt: number,
    timings: PreparedIssue['timings'],
  ): PreparedIssue {
    const id = randomBytes(32).toString('base64url');
    const stamp = formatDateTime(preparedAt).replace(/[/: ]/g, '');
    const fileName = `${kind === 'password' ? 'password' : 'passcode'}-notice-${stamp}.pdf`;
    const preview: IssuePreview = {
      issueId: id, kind, fileName, pages: items.length,
      rows: [...items.map(({ row }) => ({ ...rowIdentity(row), outcome: 'pending' as const, note: '' })), ...excluded],
    };
    let settled = false;
    const settle = (rows: IssueRowResult[]): IssueResult => {
      settled = true;
      return summarise(id, kind, rows);
    };
    return {
      id, kind, pdf, fileName, preview, timings,
      commit: () => {
        if (settled) throw new AppError('CONFLICT', ja.issue.expired);
        const rows = this.commit(kind, items);
        return settle([...rows, ...excluded]);
      },
      fail: (note) => {
        if (settled) throw new AppError('CONFLICT', ja.issue.expired);
        this.deps.logger.warn('pdf issue not delivered', { kind, count: items.length });
        return settle([...items.map(({ row }) => ({ ...rowIdentity(row), outcome: 'failure' as const, note })), ...excluded]);
      },
    };
  }

  private commit(kind: IssueKind, items: { row: EmployeeDbRow; hash: string }[]): IssueRowResult[] {
    const { db, clock } = this.deps;
    const now = clock.now();
    const rows = db.transaction(() => items.map(({ row, hash }): IssueRowResult => {
      const stored = kind === 'password'
        ? storePassword(db, row, hash, now)
        : storeIssuedPasscode(db, row.id, { loginId: row.login_id, code: row.code }, hash, now);
      return stored
        ? { ...rowIdentity(row), outcome: 'success', note: '' }
        : { ...rowIdentity(row), outcome: 'failure', note: ja.issue.changedMeanwhile };
    })).immediate();
    const ok = rows.filter((r) => r.outcome === 'success').length;
    this.deps.logger.info('pdf issue committed', { kind, success: ok, failure: rows.length - ok });
    this.deps.events.emit('employeesChanged', { reason: kind === 'password' ? 'passwordIssued' : 'passcodeIssued' });
    return rows;
  }

  private noticeContext(now: number): NoticeContext {
    const portalUrl = this.deps.portalUrl();
    return {
      companyName: readSettings(this.deps.db).companyName,
      portalUrl,
      kioskUrl: new URL('kiosk', portalUrl).href,
      issuedAt: formatDateTime(now),
    };
  }

  private progress(kind: IssueKind, done: number, total: number): void {
    this.deps.events.emit('issueProgress', { kind, done, total });
  }

  private sweep(): void {
    const now = this.deps.clock.now();
    for (const [id, e] of this.prepared) {
      if (e.expires >= now) continue;
      this.prepared.delete(id);
      this.settled(id, e.issue.fail(ja.issue.notDownloaded));
    }
  }
}

function storePassword(db: Database, row: EmployeeDbRow, hash: string, now: number): boolean {
  const t = applyEvent(factsOf(row), { type: 'pdfIssued' }, now);
  if (!t.ok) return false;
  if (!storeIssuedPassword(db, row.id, row.login_id, hash, t.facts, now)) return false;
  if (t.effects.includes('revokeOpenLinks')) revokeOpenLinks(db, row.id, now);
  return true;
}

function exclusionReason(scope: IssueScope, row: EmployeeDbRow): string | null {
  if (scope.mode === 'individual') return null;
  if (scope.kind === 'passcode') return row.passcode_status === 'unissued' ? null : ja.issue.alreadyIssuedPasscode;
  return row.password_status === 'unissued' ? null : ja.issue.notUnissued(ja.status.password[row.password_status]);
}

const fullName = (r: EmployeeDbRow) => `${r.last_name} ${r.first_name}`.trim();
const rowIdentity = (r: EmployeeDbRow) => ({ employeeId: r.id, loginId: r.login_id, name: fullName(r) });

function summarise(issueId: string, kind: IssueKind, rows: IssueRowResult[]): IssueResult {
  const count = (o: IssueOutcome) => rows.filter((r) => r.outcome === o).length;
  return { issueId, kind, rows, counts: { success: count('success'), failure: count('failure'), excluded: count('excluded') } };
}
