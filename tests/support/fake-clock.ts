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
}
