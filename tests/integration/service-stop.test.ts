/**
 * A service manager stops the built server (SIGTERM) while a bulk mail job runs: the server
 * stops in order within --stop-timeout — the mails in flight are recorded, the job pauses, the
 * portal and the database close — and after a restart 「再開」 finishes the job with every
 * employee mailed exactly once. When something hangs (an SMTP server that took a mail and never
 * answers), the server still exits at the deadline, says so, and the restart recovers as after a
 * crash. The mails in flight are pinned with a gate in the SMTP server (tests/support/mail-gate.ts),
 * SIGTERM is sent while they are held, and the server's own `stopping` line says when it got it:
 * no sleeps decide anything here.
 */
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { insertEmployee } from '../../db/queries/employees';
import { writeAccountSettings } from '../../db/queries/settings';
import { composeApp } from '../../main/composition';
import { STOP_TIMED_OUT_EXIT_CODE } from '../../main/server/graceful-stop';
import { BULK_WORKERS } from '../../main/services/bulk-mail-service';
import { silentLogger } from '../../main/services/support/logger';
import type { BulkMailStatus } from '../../preload/contract';
import { AdminClient } from '../support/admin-client';
import type { HeadlessProcess } from '../support/headless-process';
import { MailGate } from '../support/mail-gate';
import { stageBuiltServer, type StagedServer } from '../support/server-bundle';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp-test-server';
import { makeTempDir } from '../support/temp-dir';
import { PAGE_SIZES } from '../../preload/domain-types';

/** more than the job's workers can hold in flight at once, so that rows are left for 「再開」 */
const N = 3 * BULK_WORKERS;
const ADMIN = { loginId: 'admin', password: 'admin password 1' };
let stage: StagedServer;
const cleanups: (() => unknown)[] = [];

beforeAll(() => {
  stage = stageBuiltServer();
}, 120_000);
afterAll(() => stage?.remove());
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function seededDataDir(): Promise<string> {
  const tmp = makeTempDir('focusu-stop-');
  cleanups.push(tmp.remove);
  const app = composeApp({ dataDir: tmp.dir, logger: silentLogger });
  await app.auth.setup({ companyName: '試験株式会社', adminLastName: '管理者', ...ADMIN });
  writeAccountSettings(app.db, { notifyMethod: 'mail', verificationDays: 7, requirePasswordChange: true });
  app.db.transaction(() => {
    for (let i = 0; i < N; i++) {
      insertEmployee(app.db, {
        loginId: `user${i}`, code: String(1000 + i), honorific: '', lastName: '社員', firstName: String(i), department: '',
        email1: `user${i}@example.co.jp`, email2: null, email3: null, recorderEnabled: true,
      }, Date.now());
    }
  })();
  await app.close();
  return tmp.dir;
}

async function start(dataDir: string, smtp: TestSmtpServer, extra: string[] = []): Promise<{ server: HeadlessProcess; admin: AdminClient }> {
  const server = await stage.start([
    '--data-dir', dataDir, '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', '0', '--smtp-url', smtp.url, '--log-format', 'json', ...extra,
  ]);
  cleanups.push(() => server.stop());
  const admin = await AdminClient.open(server.adminUrl);
  await admin.call('auth.login', ADMIN);
  return { server, admin };
}

const exitOf = (p: HeadlessProcess) => new Promise<number | null>((resolve) => {
  if (p.child.exitCode !== null) return resolve(p.child.exitCode);
  p.child.once('exit', (code) => resolve(code));
});

/** Resolves when the server has printed a log line with this message (it got the signal). */
const logged = (p: HeadlessProcess, message: string) => new Promise<void>((resolve) => {
  const look = () => {
    if (!p.stderr().includes(`"message":"${message}"`)) return false;
    p.child.stderr!.off('data', look);
    resolve();
    return true;
  };
  if (!look()) p.child.stderr!.on('data', look);
});

async function startJob(admin: AdminClient): Promise<string> {
  // one page holds every employee and the company's administrator
  const pageSize = PAGE_SIZES.find((size) => size > N)!;
  const page = await admin.call('employees.list', { pageSize });
  const items = page.rows.filter((r) => !r.isCompanyAdmin).map((r) => ({ id: r.id, slot: 1 as const }));
  expect(items).toHaveLength(N);
  return (await admin.call('bulkMail.start', { items })).jobId;
}

/** 「再開」, then the job's status once it has finished (asked again each time its progress is read). */
async function resumeToTheEnd(admin: AdminClient, jobId: string): Promise<BulkMailStatus> {
  let s = await admin.call('bulkMail.resume', { jobId });
  while (s.running || s.pending > 0) {
    await new Promise((r) => setTimeout(r, 100));
    s = await admin.call('bulkMail.status', { jobId });
    if (!s.running && s.pending > 0) throw new Error(`the resumed job stopped with ${s.pending} rows pending`);
  }
  return s;
}

function mailsPerAddress(smtp: TestSmtpServer): Map<string, number> {
  const m = new Map<string, number>();
  for (const mail of smtp.mails) m.set(mail.to, (m.get(mail.to) ?? 0) + 1);
  return m;
}

describe('SIGTERM while a bulk mail job runs (the built server, as a service manager stops it)', () => {
  it('stops in order within the stated time; after a restart 「再開」 finishes the job, every employee mailed exactly once', async () => {
    const dataDir = await seededDataDir();
    const gate = new MailGate();
    const smtp = await startTestSmtpServer({}, { beforeAccept: gate.beforeAccept });
    cleanups.push(() => smtp.close());
    const { server, admin } = await start(dataDir, smtp);
    const jobId = await startJob(admin);

    await gate.arrivals(10);
    gate.close(); // the mails arriving from now on are held: on their way when the signal comes
    await gate.arrivals(11);
    server.child.kill('SIGTERM');
    await logged(server, 'stopping');
    gate.open(); // the server finishes what is in flight and claims nothing more
    expect(await exitOf(server)).toBe(0); // the ordered stop finished: past the deadline the code would be 75
    expect(server.stderr()).toContain('"message":"stopped"');
    const sentBeforeStop = smtp.mails.length;
    expect(sentBeforeStop).toBeGreaterThanOrEqual(11);
    expect(sentBeforeStop).toBeLessThan(N);

    const again = await start(dataDir, smtp);
    const paused = await again.admin.call('bulkMail.latest', undefined);
    expect(paused).toMatchObject({ jobId, running: false, sent: sentBeforeStop, uncertain: 0, failed: 0, pending: N - sentBeforeStop });
    const done = await resumeToTheEnd(again.admin, jobId);
    expect(done).toMatchObject({ sent: N, pending: 0, uncertain: 0, failed: 0 });
    const perAddress = mailsPerAddress(smtp);
    expect(perAddress.size).toBe(N);
    for (let i = 0; i < N; i++) expect(perAddress.get(`user${i}@example.co.jp`)).toBe(1);
  });

  it(`something that hangs cannot hold the stop past --stop-timeout: the server exits (${STOP_TIMED_OUT_EXIT_CODE}) and says so; the restart recovers it like a crash, and nobody gets two mails`, async () => {
    const dataDir = await seededDataDir();
    const gate = new MailGate();
    const smtp = await startTestSmtpServer({}, { beforeAccept: gate.beforeAccept });
    cleanups.push(() => smtp.close());
    const { server, admin } = await start(dataDir, smtp, ['--stop-timeout', '2']);
    const jobId = await startJob(admin);

    await gate.arrivals(5);
    gate.close(); // and never opened while this server lives: its mails in flight never get an answer
    await gate.arrivals(6);
    server.child.kill('SIGTERM');
    expect(await exitOf(server)).toBe(STOP_TIMED_OUT_EXIT_CODE);
    expect(server.stderr()).toContain('"message":"stop timed out: exiting without finishing the ordered stop"');
    gate.open(); // the held mails did arrive; the server that sent them never heard so

    const again = await start(dataDir, smtp);
    const recovered = await again.admin.call('bulkMail.latest', undefined);
    expect(recovered).toMatchObject({ jobId, running: false, failed: 0 });
    expect(recovered!.uncertain).toBeGreaterThan(0); // the rows in flight: their links work, never resent by themselves
    const done = await resumeToTheEnd(again.admin, jobId);
    expect(done.sent + done.uncertain).toBe(N);
    expect(done.uncertain).toBeLessThanOrEqual(BULK_WORKERS); // at most one row per worker was in flight
    const perAddress = mailsPerAddress(smtp);
    for (const row of done.rows) {
      // sent: exactly one mail; caught on its way: at most one (it may not have left), and it is never sent again
      if (row.state === 'sent') expect(perAddress.get(row.address)).toBe(1);
      else expect(perAddress.get(row.address) ?? 0).toBeLessThanOrEqual(1);
    }
  });
});
