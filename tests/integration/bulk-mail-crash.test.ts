import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { insertEmployee } from '../../db/queries/employees';
import { writeAccountSettings } from '../../db/queries/settings';
import { composeApp } from '../../main/composition';
import { BULK_WORKERS } from '../../main/services/bulk-mail-service';
import { silentLogger } from '../../main/services/support/logger';
import { ROOT } from '../support/headless-process';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp-test-server';
import { makeTempDir } from '../support/temp-dir';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const N = 60;

describe('a bulk send killed in the middle (SIGKILL)', () => {
  it('leaves every employee done or untouched, and 「再開」 sends only to the rest: nobody gets two mails', async () => {
    const tmp = makeTempDir();
    cleanups.push(tmp.remove);
    const smtp: TestSmtpServer = await startTestSmtpServer({}, { acceptDelayMs: 25 });
    cleanups.push(() => smtp.close());
    const seed = composeApp({ dataDir: tmp.dir, logger: silentLogger });
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

    // node itself with tsx's loader, not the tsx CLI: SIGKILL must hit the process doing the work
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/bulk-child.ts', tmp.dir, smtp.url], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await smtp.waitForMail(() => smtp.mails.length >= 20, 30_000);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(out).not.toContain('done');
    const jobId = /^job (\S+)$/m.exec(out)![1]!;
    const receivedAtKill = new Map<string, number>();
    for (const m of smtp.mails) receivedAtKill.set(m.to, (receivedAtKill.get(m.to) ?? 0) + 1);

    // Restart: every employee is consistent with what reached the mail server.
    const app = composeApp({ dataDir: tmp.dir, logger: silentLogger, smtpUrl: smtp.url });
    cleanups.push(() => app.close());
    const before = app.bulkMail.status(jobId);
    expect(before.sent).toBeGreaterThanOrEqual(15);
    expect(before.pending).toBeGreaterThan(0);
    for (const row of before.rows) {
      const employee = app.employees.get(row.employeeId!);
      const got = receivedAtKill.get(row.address) ?? 0;
      if (row.state === 'sent') {
        expect(got).toBe(1);
        expect(employee.verification).toBe('waiting');
      } else if (row.state === 'pending') {
        expect(employee.verification).toBe('none');
      } else {
        expect(row.state).toBe('failed'); // caught mid-send: not sent again, reported instead
        expect(row.note).toContain('送信できたか確認できません');
        expect(got).toBeLessThanOrEqual(1);
      }
    }

    app.bulkMail.resume(jobId);
    await app.bulkMail.idle();
    const after = app.bulkMail.status(jobId);
    expect(after.rows.filter((r) => r.state === 'pending' || r.state === 'sending').map((r) => `${r.loginId}:${r.state}:${r.note}`)).toEqual([]);
    const received = new Map<string, number>();
    for (const m of smtp.mails) received.set(m.to, (received.get(m.to) ?? 0) + 1);
    for (let i = 0; i < N; i++) expect(received.get(`user${i}@example.co.jp`) ?? 0).toBeLessThanOrEqual(1);
    expect(after.sent + after.failed).toBe(N);
    expect(after.sent).toBeGreaterThanOrEqual(N - BULK_WORKERS); // at most one row per worker was caught mid-send
  });
});
