/**
 * A failure budget per source address: successes are free, failures are limited (see
 * limits.ts). express-rate-limit's `skipSuccessfulRequests` counts every request when it
 * starts and forgives it when it ends well, so 40 logins in flight together from one NAT
 * address look like 40 failures and most get 429. Here a request is admitted only while the
 * failures already recorded plus the requests still in flight fit the budget; the others wait
 * a moment for those in flight to end (a success frees its place, a failure keeps it). So a
 * crowd of right answers all pass, and a burst of wrong ones gets exactly the budget, never
 * more — a request whose client hangs up counts as a failure, since its secret is checked anyway.
 * Time comes from the injected clock, so tests move it instead of waiting.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Clock } from '../services/support/clock';
import type { Budget } from './limits';

interface Source {
  /** when its recent failures happened, oldest first (only as many as the largest budget needs) */
  failures: number[];
  inFlight: number;
  waiting: (() => void)[];
}

export type Admission = { admitted: true; leave(failed: boolean): void } | { admitted: false; retryAfterMs: number };

/** Requests of one source waiting for a place; beyond this the source is flooding, and is told to come back. */
const MAX_WAITING = 200;
/** what such a request is told: not blocked, just too many at once — a moment later is fine */
const BUSY_RETRY_MS = 60_000;
/**
 * Sources remembered at most. Each costs a few hundred bytes; a LAN has far fewer devices, and
 * one machine playing thousands of addresses is past what a per-source budget can stop (the
 * accounts' own lockout is what holds then). Beyond this the longest-known idle sources are forgotten.
 */
const MAX_SOURCES = 100_000;

export class FailureBudget {
  private readonly sources = new Map<string, Source>();
  private readonly keep: number;
  private readonly horizon: number;
  private lastSweep: number;

  constructor(private readonly budgets: readonly Budget[], private readonly clock: Clock, private readonly maxSources = MAX_SOURCES) {
    if (budgets.length === 0 || budgets.some((b) => !(b.max >= 1 && b.windowMs >= 1))) throw new Error('a budget needs max ≥ 1 and a window');
    this.keep = Math.max(...budgets.map((b) => b.max));
    this.horizon = Math.max(...budgets.map((b) => b.windowMs));
    this.lastSweep = clock.now();
  }

  /**
   * Admits `key`'s request, refuses it, or waits for a place. `gone()` tells whether the client hung
   * up while waiting (then it never enters). A refused request is told how long until it may try
   * again. Decided at once, as nearly every request is, the answer is no promise: the LAN pages pay
   * for no turn of the microtask queue.
   */
  enter(key: string, gone: () => boolean = () => false): Admission | Promise<Admission> {
    this.sweep();
    const s = this.source(key);
    return this.decide(key, s) ?? this.waitForPlace(key, s, gone);
  }

  /** Admitted or refused now; null: the source's place is taken by requests in flight. */
  private decide(key: string, s: Source): Admission | null {
    const now = this.clock.now();
    const retryAfterMs = this.blockedFor(s, now);
    if (retryAfterMs > 0) return this.refuse(key, s, retryAfterMs);
    if (this.budgets.every((b) => this.failuresWithin(s, b, now) + s.inFlight < b.max)) return this.admit(key, s);
    if (s.waiting.length >= MAX_WAITING) return this.refuse(key, s, BUSY_RETRY_MS);
    return null;
  }

  private async waitForPlace(key: string, s: Source, gone: () => boolean): Promise<Admission> {
    for (;;) {
      await new Promise<void>((wake) => s.waiting.push(wake));
      if (gone()) return this.refuse(key, s, 0);
      const decided = this.decide(key, s);
      if (decided) return decided;
    }
  }

  private admit(key: string, s: Source): Admission {
    s.inFlight++;
    let left = false;
    return {
      admitted: true,
      leave: (failed) => {
        if (left) return;
        left = true;
        s.inFlight--;
        if (failed) {
          // kept in order even if the system clock is set back: the counting relies on it
          s.failures.push(Math.max(this.clock.now(), s.failures.at(-1) ?? -Infinity));
          if (s.failures.length > this.keep) s.failures.splice(0, s.failures.length - this.keep);
        }
        // everyone waiting looks again: a success made room, a failure may have used up the budget
        for (const wake of s.waiting.splice(0)) wake();
        this.forgetIfIdle(key, s);
      },
    };
  }

  private refuse(key: string, s: Source, retryAfterMs: number): Admission {
    this.forgetIfIdle(key, s);
    return { admitted: false, retryAfterMs };
  }

  /** The longest wait any full budget imposes: until enough of its failures leave its window. */
  private blockedFor(s: Source, now: number): number {
    let wait = 0;
    for (const b of this.budgets) {
      if (this.failuresWithin(s, b, now) < b.max) continue;
      // the b.max-th most recent failure has to leave the window before one more is allowed
      const at = s.failures[s.failures.length - b.max]!;
      wait = Math.max(wait, at + b.windowMs - now);
    }
    return wait;
  }

  /**
   * How many of the source's failures are newer than `now - b.windowMs`. The times are in order,
   * so a binary search: a budget opened wide (a bench, a generous setting) keeps many, and a
   * request must not cost more for each one kept.
   */
  private failuresWithin(s: Source, b: Budget, now: number): number {
    const t = s.failures;
    let lo = 0;
    let hi = t.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (t[mid]! > now - b.windowMs) hi = mid;
      else lo = mid + 1;
    }
    return t.length - lo;
  }

  private source(key: string): Source {
    let s = this.sources.get(key);
    if (!s) {
      if (this.sources.size >= this.maxSources) this.forgetOldest();
      this.sources.set(key, (s = { failures: [], inFlight: 0, waiting: [] }));
    }
    return s;
  }

  /** Forgets a tenth of the remembered sources with nothing in flight, the earliest known first (a Map keeps that order). */
  private forgetOldest(): void {
    let n = Math.ceil(this.maxSources / 10);
    for (const [key, s] of this.sources) {
      if (n === 0) break;
      if (s.inFlight > 0 || s.waiting.length > 0) continue;
      this.sources.delete(key);
      n--;
    }
  }

  private forgetIfIdle(key: string, s: Source): void {
    const now = this.clock.now();
    if (s.inFlight === 0 && s.waiting.length === 0 && !((s.failures.at(-1) ?? -Infinity) > now - this.horizon)) this.sources.delete(key);
  }

  /** Many sources that failed once and left: forgotten once their failures are old (memory stays bounded). */
  private sweep(): void {
    const now = this.clock.now();
    if (now - this.lastSweep < this.horizon) return;
    this.lastSweep = now;
    for (const [key, s] of this.sources) this.forgetIfIdle(key, s);
  }
}

/** The client address as this server sees it (no proxy is trusted): an IPv4 client seen over IPv6 is the same client. */
export function sourceOf(req: Request): string {
  const a = req.socket.remoteAddress ?? 'unknown';
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

/**
 * The route guard: admits the request within `budget`, records it as a failure when `failed`
 * says so of the answer (or when the client hung up), and lets `refuse` answer the others.
 */
export function failureGuard(
  budget: FailureBudget,
  failed: (status: number) => boolean,
  refuse: (req: Request, res: Response, retryAfterMs: number) => void,
): RequestHandler {
  return (req, res, next) => {
    const proceed = (admission: Admission) => {
      if (!admission.admitted) {
        if (!res.destroyed) refuse(req, res, admission.retryAfterMs);
        return;
      }
      res.once('close', () => admission.leave(!res.writableFinished || failed(res.statusCode)));
      next();
    };
    const admission = budget.enter(sourceOf(req), () => res.destroyed || req.socket.destroyed);
    if (admission instanceof Promise) return admission.then(proceed);
    proceed(admission);
  };
}
