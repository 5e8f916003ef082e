/**
 * The LAN never waits for the admin side's long work: while a CSV preview of 10,000 rows, or the
 * confirmation and start of a 5,000-mail bulk send, is under way, a LAN page asked for as the work
 * begins is answered before the work is done (the work goes in pieces, the loop turning between
 * them). No timings: only which of the two finishes first.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertEmployee } from '../../db/queries/employees';
import { writeAccountSettings } from '../../db/queries/settings';
import type { RunningServer } from '../../main/portal/server';
import { makeTestApp } from '../support/test-app';

let t: ReturnType<typeof makeTestApp>;
let portal: RunningServer;
beforeEach(async () => {
  t = makeTestApp();
  writeAccountSettings(t.app.db, { notifyMethod: 'mail', verificationDays: 7, requirePasswordChange: true });
  portal = await t.app.startPortal({ host: '127.0.0.1', port: 0 });
});
afterEach(async () => {
  await t.app.bulkMail.stop();
  await t.dispose();
});

/** Starts `work`, asks the portal for its login page at once, and says which finished first. */
async function firstToFinish(work: () => Promise<unknown>): Promise<'page' | 'work'> {
  const order: ('page' | 'work')[] = [];
  const page = fetch(`${portal.url}login`).then(async (r) => {
    expect(r.status).toBe(200);
    await r.text();
    order.push('page');
  });
  const done = Promise.resolve(work()).then(() => order.push('work'));
  await Promise.all([page, done]);
  return order[0]!;
}

function employees(n: number): number[] {
  return t.app.db.transaction(() => Array.from({ length: n }, (_, i) => insertEmployee(t.app.db, {
    loginId: `user${i}`, code: String(100000 + i), honorific: '', lastName: '佐藤', firstName: String(i), department: '本社',
    email1: `user${i}@example.co.jp`, email2: null, email3: null, recorderEnabled: true,
  }, t.clock.now())))();
}

describe('the LAN pages answer while long admin work runs', () => {
  it('during a CSV preview of 10,000 rows', async () => {
    employees(2_000);
    const file = Buffer.from(['社員コード,姓,名,所属,メールアドレス1,メールアドレス2,メールアドレス3',
      ...Array.from({ length: 10_000 }, (_, i) => `${100000 + i},一括,${i},本社,user${i}@example.co.jp,,`)].join('\r\n'));
    expect(await firstToFinish(() => t.app.csv.previewImport('pattern2', 'utf8', file))).toBe('page');
  });

  it('during the confirmation and the start of a 5,000-mail bulk send', async () => {
    const ids = employees(5_000);
    expect(await firstToFinish(() => t.app.bulkMail.preview(ids))).toBe('page');
    // stored and launched; the SMTP server is unreachable, which does not matter here
    expect(await firstToFinish(() => t.app.bulkMail.start(ids.map((id) => ({ id, slot: 1 as const }))))).toBe('page');
  });
});
