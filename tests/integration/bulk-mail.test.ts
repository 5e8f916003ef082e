import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countJobItems } from '../../db/queries/bulk-mail';
import { insertEmployee } from '../../db/queries/employees';
import { writeAccountSettings, writeSmtpSettings, readSmtpSettings } from '../../db/queries/settings';
import { composeApp, type App } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { ja } from '../../preload/i18n/ja';
import { FakeClock } from '../support/fake-clock';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp-test-server';
import { makeTempDir } from '../support/temp-dir';

let smtp: TestSmtpServer;
let app: App;
let clock: FakeClock;
let tmp: ReturnType<typeof makeTempDir>;
/** when each of the job's waits (pace, retry backoff) would have ended */
let wakeTimes: number[];
/** the server awaits this before it accepts a mail (a test holds mails on their way) */
let beforeAccept: (mail: { to: string }) => Promise<void> | void;

/** The job's waits move the fake clock to their end instead of sleeping. */
async function compose(): Promise<void> {
  clock = new FakeClock();
  wakeTimes = [];
  app = composeApp({
    dataDir: tmp.dir, clock, logger: silentLogger, smtpUrl: smtp.url,
    wait: async (ms) => {
      const wake = clock.now() + ms;
      wakeTimes.push(wake);
      clock.advanceTo(wake);
    },
  });
}

beforeEach(async () => {
  beforeAccept = () => {};
  smtp = await startTestSmtpServer({}, { beforeAccept: (mail) => beforeAccept(mail) });
  tmp = makeTempDir();
  await compose();
  writeAccountSettings(app.db, { notifyMethod: 'mail', verificationDays: 7, requirePasswordChange: true });
});
afterEach(async () => {
  await app.close();
  await smtp.close();
  tmp.remove();
});

function employees(n: number, address = (i: number) => `user${i}@example.co.jp` as string | null): number[] {
  const now = clock.now();
  return app.db.transaction(() => Array.from({ length: n }, (_, i) => insertEmployee(app.db, {
    loginId: `user${i}`, code: String(1000 + i), honorific: '', lastName: '社員', firstName: String(i), department: '本社',
    email1: address(i), email2: null, email3: null, recorderEnabled: true,
  }, now)))();
}
async function until(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  for (const end = Date.now() + ms; !check(); await new Promise((r) => setTimeout(r, 10))) {
    if (Date.now() > end) throw new Error(`waited in vain for ${what}`);
  }
}
const mailsTo = (address: string) => smtp.mails.filter((m) => m.to === address).length;

describe('the bulk verification job', () => {
  it('sends 200 mails, one per employee, and leaves each 発行中/認証待ち', async () => {
    const ids = employees(200);
    const started = await app.bulkMail.start(ids.map((id) => ({ id, slot: 1 as const })));
    expect(started.total).toBe(200);
    await app.bulkMail.idle();
    const status = await app.bulkMail.status(started.jobId);
    expect({ sent: status.sent, failed: status.failed, pending: status.pending }).toEqual({ sent: 200, failed: 0, pending: 0 });
    expect(smtp.mails).toHaveLength(200);
    for (let i = 0; i < 200; i++) expect(mailsTo(`user${i}@example.co.jp`)).toBe(1);
    const counts = app.employees.list({ page: 1, pageSize: 100, sort: 'code', direction: 'asc', text: '', password: [], passcode: [], verification: [] }).verificationCounts;
    expect(counts.waiting).toBe(200);
  });

  it('reports refused recipients per row, retries a temporary refusal, and excludes rows it must not send to', async () => {
    const ids = employees(6, (i) => (i === 5 ? null : `user${i}@example.co.jp`));
    smtp.refuse('user1@example.co.jp', 550, '5.1.1 User unknown');
    smtp.refuse('user2@example.co.jp', 451, '4.3.0 Try again later', 1);
    app.db.prepare(`UPDATE employees SET password_status = 'issued', issued_via = 'pdf' WHERE id = ?`).run(ids[4]);
    const job = await app.bulkMail.start(ids.map((id) => ({ id, slot: 1 as const })));
    await app.bulkMail.idle();
    const rows = (await app.bulkMail.status(job.jobId)).rows;
    expect(rows.map((r) => r.state)).toEqual(['sent', 'failed', 'sent', 'sent', 'excluded', 'excluded']);
    expect(rows[1]!.note).toContain('5.1.1 User unknown');
    expect(rows[4]!.note).toContain('対象外');
    expect(rows[5]!.note).toBe('メールアドレスが未設定のため対象外です。');
    expect(mailsTo('user2@example.co.jp')).toBe(1); // accepted at the second attempt
    expect(app.employees.get(ids[1]!).verification).toBe('none'); // the refused one is untouched
  });

  it('keeps the progress line true while rows are sent, refused and found 対象外 on the way', async () => {
    // rows 0–49 are sent, 50–79 refused, 80–119 issued by PDF after the start (対象外 when their turn comes)
    const ids = employees(120);
    for (let i = 50; i < 80; i++) smtp.refuse(`user${i}@example.co.jp`, 550, '5.1.1 User unknown');
    let openGate!: () => void;
    const gate = new Promise<void>((r) => (openGate = r));
    const held = new Map<string, () => void>();
    beforeAccept = async ({ to }) => {
      await gate; // the first rows wait here until rows 80–119 have changed
      // two mails held (on two of the three connections) until every other row is settled
      const n = Number(/^user(\d+)@/.exec(to)![1]);
      if (n >= 48 && n < 50) await new Promise<void>((r) => held.set(to, r));
    };
    const progress: { event: Record<string, unknown>; stored: ReturnType<typeof countJobItems> }[] = [];
    app.events.subscribe((m) => {
      if (m.event === 'bulkMailProgress') progress.push({ event: m.payload as Record<string, unknown>, stored: countJobItems(app.db, job.jobId) });
    });
    const job = await app.bulkMail.start(ids.map((id) => ({ id, slot: 1 as const })));
    app.db.prepare(`UPDATE employees SET password_status = 'issued', issued_via = 'pdf' WHERE id >= ?`).run(ids[80]);
    openGate();
    await until('the rest to be settled', () => held.size === 2 && countJobItems(app.db, job.jobId).sent === 48
      && countJobItems(app.db, job.jobId).excluded === 40 && countJobItems(app.db, job.jobId).failed === 30);
    // each held mail, once accepted, is followed by a line (a refresh at most every 100 ms)
    for (const release of held.values()) {
      release();
      await new Promise((r) => setTimeout(r, 150));
    }
    await app.bulkMail.idle();

    const running = progress.filter((p) => p.event.running);
    for (const { event, stored } of progress) {
      expect(event.total).toBe(120);
      // never ahead of what is stored: the line trails the commits by the rows in flight at most
      expect(event.sent).toBeLessThanOrEqual(stored.sent);
      expect(event.failed).toBeLessThanOrEqual(stored.failed);
      expect(event.excluded).toBeLessThanOrEqual(stored.excluded);
      expect(event.pending).toBeGreaterThanOrEqual(stored.pending + stored.sending);
    }
    // once every other row was settled, the lines between the held mails count them all
    expect(running.some((p) => p.event.excluded === 40 && p.event.failed === 30 && (p.event.sent as number) >= 49)).toBe(true);
    expect(progress.at(-1)!.event).toMatchObject({ running: false, sent: 50, failed: 30, excluded: 40, pending: 0, uncertain: 0 });
  });

  it('keeps going when the server drops the connection mid-batch', async () => {
    const ids = employees(12);
    smtp.refuse('user5@example.co.jp', 421, '4.4.2 Connection dropped', 1); // 421 closes the connection
    const job = await app.bulkMail.start(ids.map((id) => ({ id, slot: 1 as const })));
    await app.bulkMail.idle();
    expect(await app.bulkMail.status(job.jobId)).toMatchObject({ sent: 12, failed: 0 });
    for (let i = 0; i < 12; i++) expect(mailsTo(`user${i}@example.co.jp`)).toBe(1);
  });

  it('respects the per-minute limit exactly: no minute carries more mails than allowed', async () => {
    writeSmtpSettings(app.db, { ...readSmtpSettings(app.db), ratePerMinute: 30 });
    const ids = employees(40);
    const start = clock.now();
    const job = await app.bulkMail.start(ids.map((id) => ({ id, slot: 1 as const })));
    await app.bulkMail.idle();
    expect((await app.bulkMail.status(job.jobId)).sent).toBe(40);
    // every mail after the first waited for its own slot, 2 s apart: 30 in any minute, never a burst
    // and no slot is booked after the last mail: the job ends when its last mail is sent
    expect(wakeTimes).toEqual(Array.from({ length: 39 }, (_, i) => start + (i + 1) * 2_000));
    expect(app.bulkMail.estimateSeconds(40)).toBe(78);
  });

  it('estimates from the pace measured here: a fixed start-up plus a steady rate', async () => {
    const before = [100, 200, 300].map((n) => app.bulkMail.estimateSeconds(n));
    const ids = employees(30);
    await app.bulkMail.start(ids.map((id) => ({ id, slot: 1 as const })));
    await app.bulkMail.idle();
    const [e100, e200, e300] = [100, 200, 300].map((n) => app.bulkMail.estimateSeconds(n));
    expect(e100).toBeGreaterThan(0);
    expect(e300! - e200!).toBeCloseTo(e200! - e100!, 6); // linear in the count after the start-up
    expect([e100, e200, e300]).not.toEqual(before); // it learned from the batch
  });

  it('mails accepted while the database refuses to record them: the job ends with each row 「送信済みか確認できません」, its link working, none sent twice', async () => {
    const ids = employees(150);
    // as a full disk would, for the records of accepted mails only (the claims before them go through)
    app.db.exec(`CREATE TEMP TRIGGER refuse_sent BEFORE UPDATE OF result ON mail_history WHEN NEW.result = 'sent'
      BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    const job = await app.bulkMail.start(ids.map((id) => ({ id, slot: 1 as const })));
    await app.bulkMail.idle(); // every row's outcome was answered, recorded or not: the job does not hang
    expect(smtp.mails).toHaveLength(150);
    const ended = await app.bulkMail.status(job.jobId);
    expect(ended).toMatchObject({ sent: 0, failed: 0, pending: 0, uncertain: 150, running: false });
    expect(ended.rows.every((r) => r.note === ja.bulkMail.interrupted)).toBe(true);
    for (const m of smtp.mails) expect(app.verification.inspect(/\/verify\/(\S+)$/m.exec(m.text)![1]!).status).toBe('valid');

    await app.close();
    await compose(); // and after a restart: the same, and 「再開」 sends nothing again
    await app.bulkMail.resume(job.jobId);
    await app.bulkMail.idle();
    expect(await app.bulkMail.status(job.jobId)).toMatchObject({ sent: 0, pending: 0, uncertain: 150 });
    expect(smtp.mails).toHaveLength(150);
    for (let i = 0; i < 150; i++) expect(mailsTo(`user${i}@example.co.jp`)).toBe(1);
  });
  it('a database that refuses the claims mid-job ends the job only once every mail on its way has its outcome: nothing changes after it', async () => {
    const ids = employees(200);
    app.db.exec(`CREATE TEMP TRIGGER refuse_links BEFORE INSERT ON verification_links WHEN (SELECT count(*) FROM verification_links) >= 100
      BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    const job = await app.bulkMail.start(ids.map((id) => ({ id, slot: 1 as const })));
    await expect(app.bulkMail.idle()).rejects.toThrow('database or disk is full');
    const ended = await app.bulkMail.status(job.jobId);
    expect(ended.rows.filter((r) => r.state === 'sending')).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect(await app.bulkMail.status(job.jobId)).toEqual(ended);
    expect(ended.sent).toBe(smtp.mails.length);
  });
});
