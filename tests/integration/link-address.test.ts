/**
 * A link is bound to an address that is on file when it is stored and when it is used: an
 * address corrected while its mail is on the way, or while a paced bulk job works through its
 * rows, leaves no working link to the old address.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readSmtpSettings, writeAccountSettings, writeSmtpSettings } from '../../db/queries/settings';
import { composeApp, type App } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { ja } from '../../preload/i18n/ja';
import { FakeClock } from '../support/fake-clock';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp-test-server';
import { makeTempDir } from '../support/temp-dir';
import { employeeInput, registerEmployee } from '../support/test-app';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(wait?: (app: App, ms: number) => Promise<void>, acceptDelayMs = 0) {
  const tmp = makeTempDir();
  cleanups.push(tmp.remove);
  const smtp: TestSmtpServer = await startTestSmtpServer({}, { acceptDelayMs });
  cleanups.push(() => smtp.close());
  const clock = new FakeClock();
  let app: App | null = null;
  app = composeApp({
    dataDir: tmp.dir, clock, logger: silentLogger, smtpUrl: smtp.url,
    wait: async (ms) => {
      await wait?.(app!, ms);
      clock.advance(ms);
    },
  });
  cleanups.push(() => app!.close());
  writeAccountSettings(app.db, { notifyMethod: 'mail', verificationDays: 7, requirePasswordChange: false });
  return { app, smtp };
}

/** マイページ編集 as the administrator saves it: メールアドレス1 corrected. */
function correctAddress(app: App, id: number, loginId: string, email1: string): void {
  const { acceptDuplicateWarnings: _, ...fields } = employeeInput({ loginId, lastName: loginId, email1 });
  const saved = app.employees.update(id, fields, true, app.employees.get(id).version);
  expect(saved.status).toBe('saved');
}
const tokenIn = (text: string) => /\/verify\/([0-9a-z]{9}[A-Za-z0-9_-]{43})$/m.exec(text)![1]!;

describe('a link and the address it was sent to', () => {
  it('an address corrected while its verification mail is on the way: the mailed link does not work', async () => {
    const { app, smtp } = await setUp(undefined, 300);
    const id = registerEmployee(app, { loginId: 'sato', lastName: 'sato', email1: 'wrong@example.co.jp' });
    const sending = app.verification.sendVerification(id, 1);
    await new Promise((r) => setTimeout(r, 50)); // the mail is with the server (it answers after 300 ms)
    correctAddress(app, id, 'sato', 'right@example.co.jp');
    await sending;
    const token = tokenIn(smtp.mails[0]!.text);
    expect(smtp.mails[0]!.to).toBe('wrong@example.co.jp');
    expect(app.verification.inspect(token).status).toBe('invalid');
    expect(await app.verification.verify(token)).toBe('invalid');
    expect(smtp.mails).toHaveLength(1); // no account mail to the removed address
  });

  it('an address corrected while a paced bulk job runs: that row is left out, and no link to the old address exists', async () => {
    let paced = 0;
    let target = -1;
    const { app, smtp } = await setUp(async (a) => {
      // the administrator corrects the 4th employee's address while the job waits for its pace
      if (++paced === 2) correctAddress(a, target, 'user3', 'fixed@example.co.jp');
    });
    writeSmtpSettings(app.db, { ...readSmtpSettings(app.db), ratePerMinute: 30 });
    const ids = Array.from({ length: 6 }, (_, i) => registerEmployee(app, { loginId: `user${i}`, lastName: `user${i}`, email1: `user${i}@example.co.jp` }));
    target = ids[3]!;
    const job = await app.bulkMail.start(ids.map((id) => ({ id, slot: 1 as const })));
    await app.bulkMail.idle();
    const status = await app.bulkMail.status(job.jobId);
    expect(status.rows[3]).toMatchObject({ state: 'excluded', note: ja.bulkMail.changedMeanwhile });
    expect(smtp.mails.map((m) => m.to)).not.toContain('user3@example.co.jp');
    expect(app.db.prepare(`SELECT count(*) AS n FROM verification_links
      WHERE address = 'user3@example.co.jp' AND used_at IS NULL AND revoked_at IS NULL`).get()).toEqual({ n: 0 });
    expect(status.sent).toBe(5);
  });

  it('a link whose address is no longer on file is refused when used, however the address went', async () => {
    const { app, smtp } = await setUp();
    const id = registerEmployee(app, { loginId: 'sato', lastName: 'sato', email1: 'old@example.co.jp' });
    await app.verification.sendVerification(id, 1);
    const token = tokenIn(smtp.mails[0]!.text);
    // an address changed behind the services' back (a restore, a hand edit): the use-time check still holds
    app.db.prepare(`UPDATE employees SET email1 = 'new@example.co.jp' WHERE id = ?`).run(id);
    expect(app.verification.inspect(token).status).toBe('invalid');
    expect(await app.verification.verify(token)).toBe('invalid');
    expect(smtp.mails).toHaveLength(1);
  });
});
