/**
 * Locks expire after their stated period (a moved clock), the administrator lifts them one or all
 * at once, and an employee's portal sessions end whenever the password changes hands.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeAccountSettings } from '../../db/queries/settings';
import { composeApp, type App } from '../../main/composition';
import type { RunningServer } from '../../main/portal/server';
import { KIOSK_LOCK } from '../../main/services/punch-service';
import { LOGIN_LOCK } from '../../main/services/support/authenticate';
import { silentLogger } from '../../main/services/support/logger';
import { BrowserLikeClient, csrfOf } from '../support/browser-like-client';
import { FakeClock } from '../support/fake-clock';
import { issueByPdf } from '../support/issue-by-pdf';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp-test-server';
import { makeTempDir } from '../support/temp-dir';
import { registerEmployee } from '../support/test-app';

let app: App;
let clock: FakeClock;
let portal: RunningServer;
let smtp: TestSmtpServer;
let tmp: ReturnType<typeof makeTempDir>;

beforeEach(async () => {
  tmp = makeTempDir();
  smtp = await startTestSmtpServer();
  clock = new FakeClock(new Date(2026, 10, 25, 9, 0, 0).getTime());
  app = composeApp({ dataDir: tmp.dir, clock, logger: silentLogger, smtpUrl: smtp.url });
  writeAccountSettings(app.db, { notifyMethod: 'mail', verificationDays: 7, requirePasswordChange: false });
  portal = await app.startPortal({ host: '127.0.0.1', port: 0 });
});
afterEach(async () => {
  await app.close();
  await smtp.close();
  tmp.remove();
});

async function employee(loginId: string, code: string) {
  const id = registerEmployee(app, { loginId, code, lastName: loginId, email1: `${loginId}@example.co.jp` });
  return { id, password: await issueByPdf(app, id, 'password'), passcode: await issueByPdf(app, id, 'passcode') };
}

async function loggedIn(loginId: string, password: string) {
  const browser = new BrowserLikeClient(portal.url);
  const home = await browser.post('/login', { _csrf: csrfOf((await browser.get('/login')).html), loginId, password });
  return { browser, home: home.html };
}
const login = (loginId: string, password: string) => app.portalAuth.login(loginId, password);
const kiosk = (identifier: string, passcode: string) =>
  app.punches.punchWithPasscode(identifier, passcode, 'in', Math.random().toString(36).slice(2).padEnd(22, 'x').slice(0, 22)).then(() => true, () => false);

describe('locks expire, and the administrator lifts them', () => {
  it('a login lock ends after its period; a wrong password after that does not lock again at once', async () => {
    const e = await employee('sato', '0001');
    for (let i = 0; i < LOGIN_LOCK.maxFailures; i++) expect(await login('sato', `wrong ${i}`)).toBeNull();
    expect(await login('sato', e.password)).toBeNull();
    clock.advance(LOGIN_LOCK.lockMs - 1);
    expect(await login('sato', e.password)).toBeNull();
    clock.advance(1);
    expect(await login('sato', 'wrong again')).toBeNull(); // one failure after the lock: a fresh count
    expect(await login('sato', e.password)).not.toBeNull();
  });

  it('a kiosk passcode lock ends after its period', async () => {
    const e = await employee('sato', '0001');
    for (let i = 0; i < KIOSK_LOCK.maxFailures; i++) await kiosk('0001', '0000');
    expect(await kiosk('0001', e.passcode)).toBe(false);
    expect(app.employees.get(e.id).locked).toBe(true);
    clock.advance(KIOSK_LOCK.lockMs);
    expect(app.employees.get(e.id).locked).toBe(false);
    expect(await kiosk('0001', e.passcode)).toBe(true);
  });

  it('「すべてロック解除」 lifts every lock at once', async () => {
    const a = await employee('sato', '0001');
    const b = await employee('kato', '0002');
    for (let i = 0; i < LOGIN_LOCK.maxFailures; i++) await login('sato', `wrong ${i}`);
    for (let i = 0; i < KIOSK_LOCK.maxFailures; i++) await kiosk('0002', '0000');
    expect([app.employees.get(a.id).locked, app.employees.get(b.id).locked]).toEqual([true, true]);
    expect(app.employees.unlockAll()).toMatchObject({ unlocked: 2 });
    expect(await login('sato', a.password)).not.toBeNull();
    expect(await kiosk('0002', b.passcode)).toBe(true);
  });
});

describe('a refused login', () => {
  it('leaves the session that was open in that browser as it was', async () => {
    const e = await employee('sato', '0001');
    const browser = new BrowserLikeClient(portal.url);
    const form = csrfOf((await browser.get('/login')).html);
    await browser.post('/login', { _csrf: form, loginId: 'sato', password: e.password });
    expect((await browser.request('GET', '/')).status).toBe(200);
    const refused = await browser.request('POST', '/login', { _csrf: form, loginId: 'sato', password: 'not it' });
    expect(refused.status).toBe(401);
    expect((await browser.request('GET', '/')).status).toBe(200); // still logged in
  });
});

describe('a session opened before the password changed hands cannot be used after it', () => {
  const reissues: [string, (id: number) => Promise<unknown>][] = [
    ['a PDF reissue', (id) => issueByPdf(app, id, 'password')],
    ['an account mail (reissue)', (id) => app.verification.sendAccountMail(id, 1)],
    ['a verification by link (reissue)', async (id) => {
      await app.verification.sendVerification(id, 1);
      const token = /\/verify\/(\S+)$/m.exec(smtp.mails.at(-1)!.text)![1]!;
      expect(await app.verification.verify(token)).toBe('verified');
    }],
    ['a deletion', async (id) => app.employees.delete([id])],
    ['a lock', async () => {
      for (let i = 0; i < LOGIN_LOCK.maxFailures; i++) await login('sato', `wrong ${i}`);
    }],
  ];
  it.each(reissues)('%s', async (_what, change) => {
    const e = await employee('sato', '0001');
    const { browser, home } = await loggedIn('sato', e.password);
    const csrf = csrfOf(home);
    await change(e.id);
    expect((await browser.request('GET', '/')).location).toBe('/login');
    expect((await browser.request('GET', '/mypage')).location).toBe('/login');
    const punch = await browser.request('POST', '/punch', { _csrf: csrf, kind: 'in', requestId: 'a'.repeat(22) });
    expect(punch.location).toBe('/login');
    const address = await browser.request('POST', '/mypage/addresses', { _csrf: csrf, email1: 'attacker@example.com', email2: '', email3: '', accept: '1' });
    expect(address.location).toBe('/login');
    expect(app.db.prepare('SELECT count(*) AS n FROM punches').get()).toEqual({ n: 0 });
    expect(app.db.prepare("SELECT count(*) AS n FROM employees WHERE email1 = 'attacker@example.com'").get()).toEqual({ n: 0 });
  });
});
