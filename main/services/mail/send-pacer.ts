import type { Clock } from '../support/clock';

/**
 * Paces sends to the configured limit (SPEC §2: providers such as Microsoft 365 throttle
 * SMTP submission): a token bucket of capacity one, so no minute ever carries more than
 * `perMinute` mails. Each caller reserves the next slot and waits until it comes.
 */
export class SendPacer {
  private nextSlot = 0;

  constructor(private readonly perMinute: number, private readonly clock: Clock) {}

  /** Whether there is a limit at all. */
  get limited(): boolean {
    return this.perMinute > 0;
  }

  /** How long to wait before sending; 0 when unlimited or when a slot is free now. */
  reserve(): number {
    if (this.perMinute <= 0) return 0;
    const now = this.clock.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 60_000 / this.perMinute;
    return slot - now;
  }
}
