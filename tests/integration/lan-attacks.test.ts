/**
 * The LAN is hostile: lockouts against parallel bursts from many source addresses, on a real
 * headless server (a child process) over real HTTP. The whole 127.0.0.0/8 is loopback, so each
 * attacker request comes from its own 127.1.x.y address.
 */
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAccountSettings } from '../../db/queries/settings';
import { composeApp, DATABASE_FILE } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { BRIDGE_CALL_PATH, BRIDGE_TOKEN_HEADER } from '../../preload/contract';
import { BrowserLikeClient, csrfOf, lanAddress } from '../support/browser-like-client';
import { startHeadless, type HeadlessProcess } from '../support/headless-process';
import { issueByPdf } from '../support/issue-by-pdf';
import { makeTempDir } from '../support/temp-dir';
import { registerEmployee } from '../support/test-app';

const ADMIN = { loginId: 'admin', password: 'admin password 1' };
let tmp: ReturnType<typeof makeTempDir>;
let server: HeadlessProcess;
const passwords = new Map<string, string>();
const passcodes = new Map<string, string>();
let nextSource = 0;
const source = () => lanAddress(nextSource++);

beforeAll(async () => {
  tmp = makeTempDir();
  const app = composeApp({ dataDir: tmp.dir, logger: silentLogger });
  await app.auth.setup({ companyName: '試験株式会社', adminLastName: '管理者', ...ADMIN });
  writeAccountSettings(app.db, { notifyMethod: 'pdf', verificationDays: 7, requirePasswordChange: false });
  for (const [loginId, code] of [['sato', '0001'], ['suzuki', '0002'], ['kato', '0003'], ['ito', '0004']] as const) {
    const id = registerEmployee(app, { loginId, code, lastName: loginId });
    passwords.set(loginId, await issueByPdf(app, id, 'password'));
    passcodes.set(code, await issueByPdf(app, id, 'passcode'));
  }
  await app.close();
  server = await startHeadless(['--data-dir', tmp.dir, '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', '0']);
}, 60_000);
afterAll(async () => {
  await server?.stop();
  tmp?.remove();
});

/** Reads the live database beside the running server (WAL: readers never wait). */
function row(loginId: string): { failed_logins: number; locked_until: number | null; passcode_locked_until: number | null } {
  const db = new BetterSqlite3(path.join(tmp.dir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare('SELECT failed_logins, locked_until, passcode_locked_until FROM employees WHERE login_id = ?').get(loginId) as never;
  } finally {
    db.close();
  }
}

/** A login form per client, each from its own address, then every POST released at once. */
async function loginBurst(attempts: { loginId: string; password: string }[]): Promise<number[]> {
  const clients = await Promise.all(attempts.map(async (a) => {
    const c = new BrowserLikeClient(server.portalUrl, { localAddress: source() });
    return { c, a, csrf: csrfOf((await c.get('/login')).html) };
  }));
  return Promise.all(clients.map(({ c, a, csrf }) => c.request('POST', '/login', { _csrf: csrf, ...a }).then((r) => r.status)));
}

async function loginOnce(loginId: string, password: string): Promise<number> {
  return (await loginBurst([{ loginId, password }]))[0]!;
}

async function kioskBurst(attempts: { identifier: string; passcode: string }[]): Promise<number[]> {
  const clients = await Promise.all(attempts.map(async (a) => {
    const c = new BrowserLikeClient(server.portalUrl, { localAddress: source() });
    const page = (await c.get('/kiosk')).html;
    return { c, a, csrf: csrfOf(page), requestId: /name="requestId" value="([^"]+)"/.exec(page)![1]! };
  }));
  return Promise.all(clients.map(({ c, a, csrf, requestId }) =>
    c.request('POST', '/kiosk', { _csrf: csrf, requestId, kind: 'in', ...a }).then((r) => r.status)));
}

/** A contract call to the admin screens, as the page makes it (the token from the served page). */
async function adminLogin(): Promise<{ ok: boolean }> {
  const page = await (await fetch(server.adminUrl)).text();
  const token = /<meta name="focusu-token" content="([^"]+)">/.exec(page)![1]!;
  const res = await fetch(`${server.adminUrl}${BRIDGE_CALL_PATH.replace(/^\//, '')}auth.login`, {
    method: 'POST', headers: { 'content-type': 'application/json', [BRIDGE_TOKEN_HEADER]: token }, body: JSON.stringify(ADMIN),
  });
  return (await res.json()) as { ok: boolean };
}

describe('lockouts under a parallel burst', () => {
  it('40 wrong passwords at once lock the account after 5; the right one, released in the same burst, is refused', async () => {
    const wrong = Array.from({ length: 40 }, (_, i) => ({ loginId: 'sato', password: `wrong-${i}` }));
    const statuses = await loginBurst([...wrong, { loginId: 'sato', password: passwords.get('sato')! }]);
    expect(statuses.every((s) => s === 401)).toBe(true);
    expect(row('sato').locked_until).toBeGreaterThan(Date.now());
    expect(await loginOnce('sato', passwords.get('sato')!)).toBe(401); // still locked
  });

  it('the administrator logs in to the admin screens after any number of wrong portal logins for their ID', async () => {
    const statuses = await loginBurst(Array.from({ length: 60 }, (_, i) => ({ loginId: ADMIN.loginId, password: `guess-${i}` })));
    expect(statuses.every((s) => s === 401)).toBe(true);
    expect(row(ADMIN.loginId)).toMatchObject({ failed_logins: 0, locked_until: null }); // the portal never reaches that account
    expect(await loginOnce(ADMIN.loginId, ADMIN.password)).toBe(401); // the admin password is no portal password
    expect(await adminLogin()).toEqual(expect.objectContaining({ ok: true }));
  });

  it('wrong current passwords from an open session, in a burst, lock the account and end the session', async () => {
    const me = new BrowserLikeClient(server.portalUrl, { localAddress: source() });
    const page = await me.get('/login');
    await me.post('/login', { _csrf: csrfOf(page.html), loginId: 'suzuki', password: passwords.get('suzuki')! });
    const form = csrfOf((await me.get('/password')).html);
    await Promise.all(Array.from({ length: 20 }, (_, i) => me.from(source()).request('POST', '/password', {
      _csrf: form, currentPassword: `not-it-${i}`, newPassword: 'a brand new passphrase 7', newPasswordConfirm: 'a brand new passphrase 7',
    })));
    expect(row('suzuki').locked_until).toBeGreaterThan(Date.now());
    expect((await me.request('GET', '/')).location).toBe('/login'); // the session ended with the lock
    expect(await loginOnce('suzuki', passwords.get('suzuki')!)).toBe(401);
  });

  it('199 wrong passcodes and the right one, from 200 addresses at once: no punch, the passcode locked', async () => {
    const wrong = Array.from({ length: 199 }, (_, i) => ({ identifier: '0003', passcode: String(1000 + i).padStart(4, '0') }))
      .filter((a) => a.passcode !== passcodes.get('0003'));
    const statuses = await kioskBurst([...wrong, { identifier: '0003', passcode: passcodes.get('0003')! }]);
    expect(statuses.filter((s) => s === 200)).toEqual([]);
    expect(row('kato').passcode_locked_until).toBeGreaterThan(Date.now());
    expect(await kioskBurst([{ identifier: '0003', passcode: passcodes.get('0003')! }])).toEqual([401]);
    // another employee at the same kiosk is not affected
    expect(await kioskBurst([{ identifier: '0004', passcode: passcodes.get('0004')! }])).toEqual([200]);
  });
});
