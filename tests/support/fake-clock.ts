import type { Clock } from '../../main/services/support/clock';

/** A clock the test moves by hand; services never sleep, tests never wait. */
export class FakeClock implements Clock {
  constructor(private t: number = Date.UTC(2026, 10, 25, 3, 0, 0)) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
  /** Moves to `t` unless the clock is already past it (several sleepers waking in turn). */
  advanceTo(t: number): void {
    this.t = Math.max(this.t, t);
  }
}
