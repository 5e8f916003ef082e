/**
 * Throttling per source that fits each LAN page, against its enemies: a shared kiosk tablet in
 * the morning rush, an office behind one NAT address, and one source spraying guesses — over
 * real HTTP, each client with its own 127.x.y.z source address.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { composeApp, type App } from '../../main/composition';
import { PORTAL_LIMITS, type PortalLimits } from '../../main/portal/limits';
import { KIOSK_LOCK } from '../../main/services/punch-service';
import type { RunningServer } from '../../main/portal/server';
import { silentLogger } from '../../main/services/support/logger';
import { writeAccountSettings } from '../../db/queries/settings';
import { BrowserLikeClient, csrfOf, type ClientResponse } from '../support/browser-like-client';
import { FakeClock } from '../support/fake-clock';
import { issueManyByPdf } from '../support/issue-by-pdf';
import { makeTempDir } from '../support/temp-dir';
import { registerEmployee } from '../support/test-app';

const EMPLOYEES = 60;
const TABLET = '127.0.9.9';
const MINUTE = 60_000;

let app: App;
let clock: FakeClock;
let portal: RunningServer;
let tmp: ReturnType<typeof makeTempDir>;
/** ログインID → its password and passcode, and 社員コード */
const people: { loginId: string; code: string; password: string; passcode: string; id: number }[] = [];

beforeAll(async () => {
  tmp = makeTempDir();
  clock = new FakeClock(new Date(2026, 10, 25, 8, 55, 0).getTime());
  app = composeApp({ dataDir: tmp.dir, clock, logger: silentLogger });
  await app.auth.setup({ companyName: '株式会社フォーカス', adminLastName: '管理者', loginId: 'admin', password: 'long enough 1' });
  writeAccountSettings(app.db, { notifyMethod: 'pdf', verificationDays: 7, requirePasswordChange: false });
  const ids = Array.from({ length: EMPLOYEES }, (_, i) =>
    registerEmployee(app, { loginId: `emp${3001 + i}`, code: `${3001 + i}`, lastName: '社員', firstName: `${i + 1}号` }));
  const passwords = await issueManyByPdf(app, ids, 'password');
  const passcodes = await issueManyByPdf(app, ids, 'passcode');
  ids.forEach((id, i) => {
    const loginId = `emp${3001 + i}`;
    people.push({ loginId, code: `${3001 + i}`, password: passwords.get(loginId)!, passcode: passcodes.get(loginId)!, id });
  });
}, 60_000);
afterAll(async () => {
  await app.close();
  tmp.remove();
});
afterEach(async () => {
  await portal.close();
  app.db.prepare('DELETE FROM punches').run();
  for (const p of people) app.employees.unlock(p.id);
  clock.advance(2 * 60 * MINUTE); // every window of the previous test has passed
});

const start = async (limits?: Partial<PortalLimits>) => {
  portal = await app.startPortal({ host: '127.0.0.1', port: 0, limits });
};
const requestId = () => randomBytes(16).toString('base64url');
const requestIdOf = (html: string) => /name="requestId" value="([^"]+)"/.exec(html)![1]!;
const punchCount = () => (app.db.prepare('SELECT count(*) AS n FROM punches').get() as { n: number }).n;
const lockedCount = () => people.filter((p) => app.employees.get(p.id).locked).length;
const wrongFor = (passcode: string) => (passcode === '1357' ? '2468' : '1357');

/** Runs `fn` over `items`, at most `limit` at a time (a burst, without overflowing the listen queue). */
async function inParallel<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  }));
  return results;
}

/** The tablet's flow: the form, the punch, and back to the form as the confirmation does by itself. */
async function kioskPunch(tablet: BrowserLikeClient, identifier: string, passcode: string, kind = 'in'): Promise<ClientResponse> {
  const form = await tablet.get('/kiosk');
  expect(form.status).toBe(200);
  const done = await tablet.post('/kiosk', { _csrf: csrfOf(form.html), requestId: requestIdOf(form.html), identifier, passcode, kind });
  const back = /<meta http-equiv="refresh" content="\d+;url=([^"]+)"/.exec(done.html)?.[1];
  if (back) await tablet.get(back);
  return done;
}

const countStatuses = (rs: { status: number }[]) =>
  rs.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});

describe('the shared kiosk tablet', () => {
  it('lets 60 employees punch within one minute from one tablet, one after another', async () => {
    await start();
    const tablet = new BrowserLikeClient(portal.url, { localAddress: TABLET });
    const answers: number[] = [];
    for (const p of people) {
      answers.push((await kioskPunch(tablet, p.code, p.passcode)).status);
      clock.advance(900); // 60 punches in 54 seconds
    }
    expect(answers).toEqual(people.map(() => 200));
    expect(punchCount()).toBe(EMPLOYEES);
  });

  it('lets 60 employees punch at once from one source: none is refused for being in a crowd', async () => {
    await start();
    const first = new BrowserLikeClient(portal.url, { localAddress: TABLET });
    const form = await first.get('/kiosk');
    // one cookie jar, one form token: 60 punches in flight together from the same address
    const answers = await Promise.all(people.map((p) =>
      first.request('POST', '/kiosk', { _csrf: csrfOf(form.html), requestId: requestId(), identifier: p.code, passcode: p.passcode, kind: 'out' })));
    expect(countStatuses(answers)).toEqual({ 200: EMPLOYEES });
    expect(punchCount()).toBe(EMPLOYEES);
  });

  it('slows a wrong-passcode burst from one source long before it locks most employees', async () => {
    await start();
    const attacker = new BrowserLikeClient(portal.url, { localAddress: '127.0.5.5' });
    const form = await attacker.get('/kiosk');
    // 10 wrong passcodes for every employee, as fast as the source can send them
    const tries = people.flatMap((p) => Array.from({ length: 10 }, () => p));
    const answers = await inParallel(tries, 50, (p) =>
      attacker.request('POST', '/kiosk', { _csrf: csrfOf(form.html), requestId: requestId(), identifier: p.code, passcode: wrongFor(p.passcode), kind: 'in' }));
    const perMinute = PORTAL_LIMITS.kioskFailures[0]!.max;
    expect(countStatuses(answers)).toEqual({ 401: perMinute, 429: tries.length - perMinute });
    // a minute's failures lock at most a minute's worth of employees (10 wrong passcodes lock one)
    const locked = lockedCount();
    expect(locked).toBeLessThanOrEqual(Math.ceil(perMinute / KIOSK_LOCK.maxFailures));

    const refused = answers.find((r) => r.status === 429)!;
    expect(refused.html).toContain('約1分後にもう一度お試しください。');
    expect(refused.html).toMatch(/<meta http-equiv="refresh" content="\d+;url=\/kiosk"/); // back to the form by itself
    expect(refused.html).toContain('href="/kiosk"');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // …even a right passcode from that source waits: while refused, no passcode is checked
    const p0 = people[0]!;
    expect((await attacker.request('POST', '/kiosk', {
      _csrf: csrfOf(form.html), requestId: requestId(), identifier: p0.code, passcode: p0.passcode, kind: 'in',
    })).status).toBe(429);

    // the tablet (another source) is not touched: every employee punches
    const tablet = new BrowserLikeClient(portal.url, { localAddress: TABLET });
    const punched = [];
    for (const p of people) punched.push((await kioskPunch(tablet, p.code, p.passcode)).status);
    expect(punched.filter((s) => s === 200)).toHaveLength(EMPLOYEES - locked); // every employee the burst did not lock
  });

  it('allows one source its refusals a minute and an hour (limits.ts), so it locks only a few employees an hour', async () => {
    await start();
    const [{ max: perMinute }, { max: perHour }] = PORTAL_LIMITS.kioskFailures as unknown as [{ max: number }, { max: number }];
    const attacker = new BrowserLikeClient(portal.url, { localAddress: '127.0.5.6' });
    const form = await attacker.get('/kiosk');
    const victim = people[7]!;
    const statuses: number[] = [];
    const minutes = perHour / perMinute;
    for (let minute = 0; minute < minutes + 2; minute++) {
      for (let i = 0; i <= perMinute; i++) {
        const r = await attacker.request('POST', '/kiosk', {
          _csrf: csrfOf(form.html), requestId: requestId(), identifier: victim.code, passcode: wrongFor(victim.passcode), kind: 'in',
        });
        statuses.push(r.status);
        if (minute === minutes && i === 0) expect(r.html).toMatch(new RegExp(`約${60 - minutes}|約${61 - minutes}分後にもう一度お試しください。`));
      }
      clock.advance(MINUTE);
    }
    // each minute its refusals then a 429, until the hour's are used up: 429 only
    const oneMinute = [...Array(perMinute).fill(401), 429];
    expect(statuses).toEqual([...Array(minutes).fill(oneMinute).flat(), ...Array(2 * (perMinute + 1)).fill(429)]);
    expect(app.employees.get(victim.id).locked).toBe(true); // 10 of them were enough for this one
    expect(lockedCount()).toBe(1);
    clock.advance(60 * MINUTE);
    const again = await attacker.request('POST', '/kiosk', {
      _csrf: csrfOf(form.html), requestId: requestId(), identifier: people[8]!.code, passcode: people[8]!.passcode, kind: 'in',
    });
    expect(again.status).toBe(200); // the hour has passed
  });
});

describe('floods and hang-ups', () => {
  it('caps every kiosk request from one source (a flood), successes included, telling when to retry', async () => {
    await start({ kioskRequests: { max: 10, windowMs: MINUTE } });
    const flooder = new BrowserLikeClient(portal.url, { localAddress: '127.0.4.4' });
    const answers = await inParallel(Array.from({ length: 15 }, (_, i) => i), 5, () => flooder.get('/kiosk'));
    expect(countStatuses(answers)).toEqual({ 200: 10, 429: 5 });
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.html).toContain('約1分後にもう一度お試しください。');
    expect(refused.html).toMatch(/<meta http-equiv="refresh" content="\d+;url=\/kiosk"/);
    expect((await new BrowserLikeClient(portal.url, { localAddress: TABLET }).get('/kiosk')).status).toBe(200);
  });

  it('counts a guess whose client hung up before the answer: hanging up does not escape the budget', async () => {
    await start();
    const budget = PORTAL_LIMITS.passwordFailures[0]!;
    const browser = new BrowserLikeClient(portal.url, { localAddress: '127.0.4.5' });
    const page = await browser.get('/login');
    const cookie = `fu_csrf=${csrfOf(page.html)}`;
    // guesses at an ID nobody has: no account gets locked by answers that may still be on their way after the test
    const body = new URLSearchParams({ _csrf: csrfOf(page.html), loginId: 'nobody-here', password: 'guess' }).toString();
    // each guess is sent in full, then the connection is cut at once, whatever the server is doing
    await Promise.all(Array.from({ length: budget.max }, () => new Promise<void>((resolve) => {
      const req = request(new URL('/login', portal.url), {
        method: 'POST', localAddress: '127.0.4.5', agent: false,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) },
      });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      req.end(body, () => req.destroy());
    })));
    const p0 = people[0]!;
    const after = await browser.request('POST', '/login', { _csrf: csrfOf(page.html), loginId: p0.loginId, password: p0.password });
    expect(after.status).toBe(429);
  });
});

describe('logins', () => {
  it('lets 40 employees behind one NAT address log in at once, typos included', async () => {
    await start();
    const office = people.slice(0, 40);
    const homes = await Promise.all(office.map(async (p, i) => {
      const browser = new BrowserLikeClient(portal.url, { localAddress: '127.0.7.7' });
      const page = await browser.get('/login');
      if (i % 8 === 0) { // five of them mistype first
        const typo = await browser.post('/login', { _csrf: csrfOf(page.html), loginId: p.loginId, password: `${p.password}x` });
        expect(typo.status).toBe(401);
      }
      return browser.post('/login', { _csrf: csrfOf(page.html), loginId: p.loginId, password: p.password });
    }));
    expect(homes.map((h) => h.status)).toEqual(office.map(() => 200));
    expect(homes.every((h) => h.html.includes('前回ログイン日時'))).toBe(true);
  });

  it('answers one source guessing passwords with 429 after its budget, while another source logs in', async () => {
    await start();
    const budget = PORTAL_LIMITS.passwordFailures[0]!;
    const guesser = new BrowserLikeClient(portal.url, { localAddress: '127.0.6.6' });
    const page = await guesser.get('/login');
    const answers = await inParallel(people.slice(0, budget.max + 10), 10, (p) =>
      guesser.request('POST', '/login', { _csrf: csrfOf(page.html), loginId: p.loginId, password: 'Password123!' }));
    expect(countStatuses(answers)).toEqual({ 401: budget.max, 429: 10 });
    const refused = answers.find((r) => r.status === 429)!;
    expect(refused.html).toContain('約5分後にもう一度お試しください。');
    expect(refused.html).toContain('href="/login"');
    // a right password from that source waits too: nothing is checked while it is refused
    const p0 = people[0]!;
    expect((await guesser.request('POST', '/login', { _csrf: csrfOf(page.html), loginId: p0.loginId, password: p0.password })).status).toBe(429);

    const colleague = new BrowserLikeClient(portal.url, { localAddress: '127.0.6.7' });
    const form = await colleague.get('/login');
    expect((await colleague.post('/login', { _csrf: csrfOf(form.html), loginId: p0.loginId, password: p0.password })).html).toContain('HOME');

    clock.advance(budget.windowMs);
    expect((await guesser.post('/login', { _csrf: csrfOf(page.html), loginId: p0.loginId, password: p0.password })).html).toContain('HOME');
  });

  it('counts wrong current passwords (password, ログインID, addresses) in the same budget, and only those', async () => {
    await start();
    const budget = PORTAL_LIMITS.passwordFailures[0]!;
    // five colleagues on one PC, each under the account lockout (4 wrong each): the source's budget is what stops them
    const sessions = await Promise.all(people.slice(1, 6).map(async (p) => {
      const browser = new BrowserLikeClient(portal.url, { localAddress: '127.0.6.8' });
      const login = await browser.get('/login');
      const home = await browser.post('/login', { _csrf: csrfOf(login.html), loginId: p.loginId, password: p.password });
      return { p, browser, csrf: csrfOf(home.html) };
    }));
    const { p: first, browser: firstBrowser, csrf: firstCsrf } = sessions[0]!;
    // refusals that check no password do not count: a too-common new password
    for (let i = 0; i < budget.max + 5; i++) {
      const common = await firstBrowser.request('POST', '/password', {
        _csrf: firstCsrf, currentPassword: first.password, newPassword: 'password1', newPasswordConfirm: 'password1',
      });
      expect(common.status).toBe(400);
    }
    const wrong: number[] = [];
    for (const { browser, csrf } of sessions) {
      for (let i = 0; i < budget.max / sessions.length; i++) {
        const [path, form] = ([
          ['/password', { _csrf: csrf, currentPassword: 'nope', newPassword: 'Tsukimi-dango 77', newPasswordConfirm: 'Tsukimi-dango 77' }],
          ['/mypage/login-id', { _csrf: csrf, loginId: 'someone-new', currentPassword: 'nope' }],
          ['/mypage/addresses', { _csrf: csrf, email1: 'new@example.co.jp', email2: '', email3: '', currentPassword: 'nope' }],
        ] as const)[i % 3]!;
        wrong.push((await browser.request('POST', path, form)).status);
      }
    }
    expect(wrong).toEqual(Array(budget.max).fill(401));
    const blocked = await firstBrowser.request('POST', '/mypage/login-id', { _csrf: firstCsrf, loginId: 'someone-new', currentPassword: first.password });
    expect(blocked.status).toBe(429);
    expect(blocked.html).toContain('href="/mypage/login-id"');
    for (const { p } of sessions) expect(app.employees.get(p.id)).toMatchObject({ loginId: p.loginId, email1: null }); // nothing changed
  });
});

describe('verification links', () => {
  it('answers one source trying unknown links with 429 after its budget; others still get their page', async () => {
    await start();
    const budget = PORTAL_LIMITS.verifyFailures[0]!;
    const prober = new BrowserLikeClient(portal.url, { localAddress: '127.0.8.8' });
    const answers = await inParallel(Array.from({ length: budget.max + 5 }, (_, i) => i), 10, () => prober.get(`/verify/${requestId()}${requestId()}`));
    expect(countStatuses(answers)).toEqual({ 404: budget.max, 429: 5 });
    const other = new BrowserLikeClient(portal.url, { localAddress: '127.0.8.9' });
    expect((await other.get(`/verify/${requestId()}`)).status).toBe(404);
  });
});
