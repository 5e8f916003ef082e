import { describe, expect, it } from 'vitest';
import { SendPacer } from '../../main/services/mail/send-pacer';
import { FakeClock } from '../support/fake-clock';

describe('SendPacer', () => {
  it('spaces sends evenly so that no 60-second window holds more than the limit', () => {
    const clock = new FakeClock(0);
    const pacer = new SendPacer(30, clock);
    const sendTimes: number[] = [];
    for (let i = 0; i < 100; i++) {
      clock.advance(pacer.reserve()); // wait as told, then send
      sendTimes.push(clock.now());
      if (i % 7 === 0) clock.advance(150); // the send itself takes a while now and then
    }
    for (let i = 30; i < sendTimes.length; i++) expect(sendTimes[i]! - sendTimes[i - 30]!).toBeGreaterThanOrEqual(60_000);
  });

  it('does not wait when unlimited, nor for a slot that has already passed', () => {
    const clock = new FakeClock(0);
    expect(new SendPacer(0, clock).reserve()).toBe(0);
    const pacer = new SendPacer(60, clock);
    expect(pacer.reserve()).toBe(0);
    clock.advance(5_000);
    expect(pacer.reserve()).toBe(0);
    expect(pacer.reserve()).toBe(1_000);
  });
});
