/**
 * The admin login on the LAN: besides each account's lockout (5 wrong passwords lock it for 15
 * minutes, decided in SQL), a failure budget per source address, so that one PC cannot try
 * passwords across every administrator's account. Only failures count (a wrong password, a
 * wrong current password at the password change, a client that hung up), never successes.
 * This budget is the admin listener's own: nothing the portal counts reaches it, and nothing
 * counted here slows the portal's pages.
 */
import type { Request, Response } from 'express';
import type { CallOutcome } from '../api/dispatcher';
import { FailureBudget, sourceOf } from '../portal/failure-budget';
import type { Budget } from '../portal/limits';
import type { Clock } from '../services/support/clock';

const MINUTE = 60_000;

/** 10 mistakes in 5 minutes is more than a person makes; 30 an hour stops patience too. */
export const ADMIN_LOGIN_LIMITS: Budget[] = [{ max: 10, windowMs: 5 * MINUTE }, { max: 30, windowMs: 60 * MINUTE }];

/** The contract calls that check an administrator's password. */
export const PASSWORD_CHECKING_METHODS: readonly string[] = ['auth.login', 'auth.changePassword'];

export type ThrottledCall = { admitted: true; done(outcome: CallOutcome): void } | { admitted: false; retryAfterMs: number };

export class AdminLoginThrottle {
  private readonly budget: FailureBudget;

  constructor(clock: Clock, limits: Budget[] = ADMIN_LOGIN_LIMITS) {
    this.budget = new FailureBudget(limits, clock);
  }

  async enter(req: Request, res: Response): Promise<ThrottledCall> {
    const admission = await this.budget.enter(sourceOf(req), () => res.destroyed || req.socket.destroyed);
    if (!admission.admitted) return admission;
    let outcome: CallOutcome | null = null;
    // the place is given back when the answer has gone out: a client that hung up counts as a failure
    res.once('close', () => admission.leave(!res.writableFinished || outcome === null || passwordWasWrong(outcome)));
    return { admitted: true, done: (o) => (outcome = o) };
  }
}

function passwordWasWrong(o: CallOutcome): boolean {
  return !o.ok && (o.error.code === 'AUTH_FAILED' || o.error.fieldErrors?.currentPassword !== undefined);
}
