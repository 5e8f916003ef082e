import { afterEach, describe, expect, it } from 'vitest';
import { insertEmployee } from '../../db/queries/employees';
import { writeAccountSettings } from '../../db/queries/settings';
import { composeApp } from '../../main/composition';
import { BULK_WORKERS } from '../../main/services/bulk-mail-service';
import { silentLogger } from '../../main/services/support/logger';
import { ja } from '../../preload/i18n/ja';
import { killAt } from '../support/crash-run';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp-test-server';
import { makeTempDir } from '../support/temp-dir';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** More rows than workers, so some are still pending when the child is killed. */
const N = 2 * BULK_WORKERS;
/** A company of N employees with an address each, mail verification on, in `dir`. */
async function seedCompany(dir: string): Promise<void> {
  const seed = composeApp({ dataDir: dir, logger: silentLogger });
  writeAccountSettings(seed.db, { notifyMethod: 'mail', verificationDays: 7, requirePasswordChange: true });
  seed.db.transaction(() => {
    for (let i = 0; i < N; i++) {
      insertEmployee(seed.db, {
        loginId: `user${i}`, code: String(1000 + i), honorific: '', lastName: '社員', firstName: String(i), department: '',
        email1: `user${i}@example.co.jp`, email2: null, email3: null, recorderEnabled: true,
      }, Date.now());
    }
  })();
  await seed.close();
}

const tokenIn = (text: string) => /\/verify\/([0-9a-z]{9}[A-Za-z0-9_-]{43})$/m.exec(text)![1]!;

describe('a bulk send killed (SIGKILL) just after the server accepted its 20th mail, before that row is recorded', () => {
  it('every mail that reached the server carries a working link; 「再開」 sends only to the rest; nobody gets two mails', async () => {
    const tmp = makeTempDir();
    cleanups.push(tmp.remove);
    const smtp: TestSmtpServer = await startTestSmtpServer({}, { acceptDelayMs: 10 });
    cleanups.push(() => smtp.close());
    await seedCompany(tmp.dir);

    const out = await killAt('bulk', 'bulkMail.accepted#20', tmp.dir, smtp.url);
    const jobId = /^job (\S+)$/m.exec(out)![1]!;
    const receivedAtKill = new Map<string, number>();
    for (const m of smtp.mails) receivedAtKill.set(m.to, (receivedAtKill.get(m.to) ?? 0) + 1);
    expect(smtp.mails.length).toBeGreaterThanOrEqual(20);

    const app = composeApp({ dataDir: tmp.dir, logger: silentLogger, smtpUrl: smtp.url });
    cleanups.push(() => app.close());
    // a mail that reached the server carries a link that works (it was stored before the mail left)
    for (const m of smtp.mails) expect(app.verification.inspect(tokenIn(m.text)).status).toBe('valid');

    const before = await app.bulkMail.status(jobId);
    expect(before.pending).toBeGreaterThan(0);
    expect(before.uncertain).toBeGreaterThan(0); // at least the row frozen at the checkpoint
    for (const row of before.rows) {
      const employee = app.employees.get(row.employeeId!);
      const got = receivedAtKill.get(row.address) ?? 0;
      if (row.state === 'sent') {
        expect(got).toBe(1);
        expect(employee.verification).toBe('waiting');
      } else if (row.state === 'pending') {
        expect(got).toBe(0);
        expect(employee.verification).toBe('none');
      } else {
        // caught on its way: waiting with a working link, never sent again by itself, and said so
        expect(row.state).toBe('uncertain');
        expect(row.note).toBe(ja.bulkMail.interrupted);
        expect(employee.verification).toBe('waiting');
        expect(got).toBeLessThanOrEqual(1);
      }
    }

    app.bulkMail.resume(jobId);
    await app.bulkMail.idle();
    const after = await app.bulkMail.status(jobId);
    expect(after.rows.filter((r) => r.state === 'pending' || r.state === 'sending')).toEqual([]);
    const received = new Map<string, number>();
    for (const m of smtp.mails) received.set(m.to, (received.get(m.to) ?? 0) + 1);
    for (let i = 0; i < N; i++) expect(received.get(`user${i}@example.co.jp`) ?? 0).toBeLessThanOrEqual(1);
    expect(after.sent + after.uncertain).toBe(N);
    expect(after.uncertain).toBeLessThanOrEqual(BULK_WORKERS); // at most one row per worker was in flight

    // A new bulk send offers the uncertain rows unticked (eligible), and sends to them only when ticked.
    const uncertainIds = after.rows.filter((r) => r.state === 'uncertain').map((r) => r.employeeId!);
    const preview = await app.bulkMail.preview(uncertainIds);
    expect(preview.rows.every((r) => r.eligible && r.uncertain && r.note === ja.bulkMail.uncertainRow)).toBe(true);
    const mailsBefore = smtp.mails.length;
    await app.bulkMail.start(uncertainIds.map((id) => ({ id, slot: 1 as const })));
    await app.bulkMail.idle();
    expect(smtp.mails.length - mailsBefore).toBe(uncertainIds.length);
  });
});

describe('a bulk send killed (SIGKILL) while its rows are being stored, a piece at a time', () => {
  it('leaves no job at all: nothing listed or resumable, no rows, nobody marked; the next send goes to everyone once', async () => {
    const tmp = makeTempDir();
    cleanups.push(tmp.remove);
    const smtp: TestSmtpServer = await startTestSmtpServer();
    cleanups.push(() => smtp.close());
    await seedCompany(tmp.dir);

    // after the first piece of rows is in, before the rest
    const out = await killAt('bulk', 'bulkMail.storingRows#1', tmp.dir, smtp.url);
    expect(out).not.toMatch(/^job /m);
    expect(smtp.mails).toEqual([]);

    const app = composeApp({ dataDir: tmp.dir, logger: silentLogger, smtpUrl: smtp.url });
    cleanups.push(() => app.close());
    expect(await app.bulkMail.latest()).toBeNull();
    expect(app.db.prepare('SELECT count(*) FROM mail_jobs').pluck().get()).toBe(0);
    expect(app.db.prepare('SELECT count(*) FROM mail_job_items').pluck().get()).toBe(0);
    const ids = (app.db.prepare('SELECT id FROM employees WHERE is_company_admin = 0 ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    expect(ids.map((id) => app.employees.get(id).verification)).toEqual(ids.map(() => 'none'));

    const job = await app.bulkMail.start(ids.map((id) => ({ id, slot: 1 as const })));
    await app.bulkMail.idle();
    expect(await app.bulkMail.status(job.jobId)).toMatchObject({ total: N, sent: N });
    expect(new Set(smtp.mails.map((m) => m.to)).size).toBe(N);
    expect(smtp.mails.length).toBe(N);
  });
});
