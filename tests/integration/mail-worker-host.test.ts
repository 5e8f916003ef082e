import { afterEach, describe, expect, it } from 'vitest';
import { MailSendError } from '../../main/services/mail/mail-sender';
import { createMailWorkerHost } from '../../main/services/mail/worker-mail-sender';
import { startTestSmtpServer } from '../support/smtp-test-server';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp() {
  const smtp = await startTestSmtpServer();
  const host = createMailWorkerHost();
  cleanups.push(() => smtp.close(), () => host.close());
  const batch = (fromName: string) => host.openBatch({
    target: { url: smtp.url, fromAddress: 'focus-u@example.co.jp', fromName }, pool: { maxConnections: 2 },
  });
  const mail = (to: string) => ({ to, subject: '認証', text: '髙橋 さん\nhttp://127.0.0.1/verify/x' });
  return { smtp, host, batch, mail };
}

describe('the mail worker (bulk sends off the main thread)', () => {
  it('serves batches side by side, each through its own connections, and outlives them', async () => {
    const { smtp, batch, mail } = await setUp();
    const a = batch('総務部');
    const b = batch('人事部');
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => a.send(mail(`a${i}@example.co.jp`))),
      ...Array.from({ length: 10 }, (_, i) => b.send(mail(`b${i}@example.co.jp`))),
    ]);
    a.close();
    await b.send(mail('b-after@example.co.jp')); // one batch closing leaves the other open
    b.close();
    const c = batch('経理部'); // the same worker takes the next batch
    await c.send(mail('c@example.co.jp'));
    c.close();

    const from = (to: string) => smtp.mails.find((m) => m.to === to)!.parsed.from!.value[0]!.name;
    expect(smtp.mails).toHaveLength(22);
    expect(from('a3@example.co.jp')).toBe('総務部');
    expect(from('b-after@example.co.jp')).toBe('人事部');
    expect(from('c@example.co.jp')).toBe('経理部');
    expect(smtp.mails.find((m) => m.to === 'a3@example.co.jp')!.text.trim()).toBe('髙橋 さん\nhttp://127.0.0.1/verify/x');
  });

  it('brings back the server\'s refusal for that mail only, as in-process', async () => {
    const { smtp, batch, mail } = await setUp();
    smtp.refuse('gone@example.co.jp', 550, '5.1.1 User unknown');
    smtp.refuse('busy@example.co.jp', 451, '4.3.0 Try again later');
    const s = batch('Focus U');
    const [gone, busy, fine] = await Promise.allSettled(['gone', 'busy', 'fine'].map((n) => s.send(mail(`${n}@example.co.jp`))));
    s.close();
    expect(gone).toMatchObject({ status: 'rejected', reason: { permanent: true, answer: expect.stringContaining('5.1.1 User unknown') } });
    expect((gone as PromiseRejectedResult).reason).toBeInstanceOf(MailSendError);
    expect(busy).toMatchObject({ status: 'rejected', reason: { permanent: false, answer: expect.stringContaining('4.3.0') } });
    expect(fine).toMatchObject({ status: 'fulfilled' });
  });

  it('fails the mails in flight when the worker stops, and starts a new worker for the next batch', async () => {
    const { smtp, host, batch, mail } = await setUp();
    const s = batch('Focus U');
    const inFlight = s.send(mail('x@example.co.jp'));
    await host.close();
    await expect(inFlight).rejects.toMatchObject({ unreachable: true });
    await expect(s.send(mail('y@example.co.jp'))).rejects.toBeInstanceOf(MailSendError);
    const next = batch('Focus U');
    await next.send(mail('z@example.co.jp'));
    next.close();
    expect(smtp.mails.map((m) => m.to)).toContain('z@example.co.jp');
  });
});
