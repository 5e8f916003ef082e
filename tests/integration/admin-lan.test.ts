/**
 * The admin screens on a LAN address (service mode): HTTPS only, with the administrator's
 * certificate (a CA of the test's own, trusted by the test's client as an office trusts its CA);
 * the session cookie `__Host-…; Secure; HttpOnly; SameSite=Strict`; HSTS; Host and Origin checked
 * against the configured names; the admin login throttled per source address by a budget of its
 * own, which neither takes from nor gives to the portal's. Real HTTPS on 0.0.0.0, clients from
 * their own 127.x.y.z addresses.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminNeedsHttpsError, startBridgeServer, type RunningBridge } from '../../main/bridge/server';
import { ADMIN_LOGIN_LIMITS } from '../../main/bridge/login-throttle';
import type { RunningServer } from '../../main/portal/server';
import { ja } from '../../preload/i18n/ja';
import { BrowserLikeClient, csrfOf } from '../support/browser-like-client';
import { issueByPdf } from '../support/issue-by-pdf';
import { makeTestCertificates, type TestCertificates } from '../support/test-ca';
import { makeTestApp, registerEmployee } from '../support/test-app';

const NAME = 'focus-u.office.test';
const OWNER = { loginId: 'owner', password: 'owner password 1' };
const TOKEN = 'lan-token-0123456789';
let t: ReturnType<typeof makeTestApp>;
let certs: TestCertificates;
let bridge: RunningBridge;
let portal: RunningServer;
let employeePassword = '';

beforeAll(async () => {
  t = makeTestApp();
  await t.app.auth.setup({ companyName: '試験株式会社', adminLastName: '法人', ...OWNER });
  const id = registerEmployee(t.app, { loginId: 'tanaka' });
  employeePassword = await issueByPdf(t.app, id, 'password');
  const rendererDir = path.join(t.dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<html><head><meta name="focusu-token" content=""></head></html>');
  const certDir = path.join(t.dataDir, 'certs');
  mkdirSync(certDir);
  certs = makeTestCertificates(certDir, { dnsNames: [NAME], ips: ['127.0.0.1'] });
  bridge = await startBridgeServer({
    port: 0, host: '0.0.0.0', tls: { cert: certs.certPem, key: certs.keyPem }, names: [NAME], version: '9.8.7',
    portalRunning: () => t.app.portalRunning(), clock: t.clock,
    dispatcher: t.app.dispatcher, events: t.app.events, logger: t.app.logger, rendererDir, token: TOKEN,
    isLoggedIn: (s) => t.app.auth.isLoggedIn(s), isSessionLive: (s) => t.app.auth.isLive(s), issuance: t.app.issuance,
  });
  portal = await t.app.startPortal({ host: '127.0.0.1', port: 0 });
}, 60_000);
afterAll(async () => {
  await bridge?.close();
  await t?.dispose();
});

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** One HTTPS request to the admin listener as a browser on another PC sends it, trusting the test's CA only. */
function send(pathName: string, o: { method?: string; host?: string; headers?: Record<string, string>; body?: string; from?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port: bridge.port, path: pathName, method: o.method ?? 'GET', ca: certs.caPem, servername: NAME,
      localAddress: o.from, headers: { host: o.host ?? `${NAME}:${bridge.port}`, ...o.headers },
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

const call = (method: string, input: unknown, o: { cookie?: string; from?: string; headers?: Record<string, string> } = {}) =>
  send(`/api/call/${method}`, {
    method: 'POST', from: o.from, body: JSON.stringify(input),
    headers: { 'content-type': 'application/json', 'x-focusu-token': TOKEN, ...(o.cookie ? { cookie: o.cookie } : {}), ...o.headers },
  });

describe('the admin screens on a LAN address', () => {
  it('are never served on plain HTTP off loopback: without a certificate the start is refused', async () => {
    await expect(startBridgeServer({
      port: 0, host: '0.0.0.0', dispatcher: t.app.dispatcher, events: t.app.events, logger: t.app.logger, rendererDir: '/nonexistent',
      isLoggedIn: () => false, isSessionLive: () => false, issuance: t.app.issuance,
    })).rejects.toBeInstanceOf(AdminNeedsHttpsError);
  });

  it('serve HTTPS with the administrator\'s certificate, under the configured name, with HSTS', async () => {
    expect(bridge.url).toBe(`https://${NAME}:${bridge.port}/`);
    const page = await send('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain(`content="${TOKEN}"`);
    expect(page.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('keep the session in a __Host- cookie: Secure, HttpOnly, SameSite=Strict, Path=/, no Domain', async () => {
    const r = await call('auth.login', OWNER);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true });
    const cookie = (r.headers['set-cookie'] as string[])[0]!;
    expect(cookie).toMatch(new RegExp(`^__Host-focusu_admin_${bridge.port}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; Secure; SameSite=Strict$`));
    const settings = await call('settings.get', {}, { cookie: cookie.split(';')[0]! });
    expect(JSON.parse(settings.body)).toMatchObject({ ok: true });
  });

  it('answer to IP literals and the configured names only, with this port (DNS rebinding), and take calls from their own pages only', async () => {
    expect((await send('/', { host: `192.168.10.5:${bridge.port}` })).status).toBe(200);
    expect((await send('/', { host: `evil.example:${bridge.port}` })).status).toBe(421);
    expect((await send('/', { host: `${NAME}:${bridge.port + 1}` })).status).toBe(421);
    expect((await send('/', { host: `localhost:${bridge.port}` })).status).toBe(421);
    expect((await call('auth.getState', {}, { headers: { origin: `https://${NAME}:${bridge.port}` } })).status).toBe(200);
    expect((await call('auth.getState', {}, { headers: { origin: `http://${NAME}:${bridge.port}` } })).status).toBe(403);
    expect((await call('auth.getState', {}, { headers: { origin: `https://evil.example:${bridge.port}` } })).status).toBe(403);
    expect((await call('auth.getState', {}, { headers: { 'x-focusu-token': 'wrong' } })).status).toBe(403);
  });

  it('/healthz: ok, the version and the portal\'s state to anyone, and nothing else', async () => {
    const r = await send('/healthz', { host: `monitor.example:${bridge.port}` });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ status: 'ok', version: '9.8.7', portal: 'running' });
    expect(r.body).not.toContain('試験株式会社');
  });
});

describe('the admin login on the LAN is throttled per source, apart from the portal', () => {
  const budget = ADMIN_LOGIN_LIMITS[0]!.max;

  it(`a source gets ${budget} wrong passwords, then 429 with when to come back — even for the right one; other PCs log in`, async () => {
    const from = '127.33.0.1';
    // sprayed across IDs: no account's own lockout is reached, only the source's budget
    const burst = await Promise.all(Array.from({ length: budget + 5 }, (_, i) => call('auth.login', { loginId: `guess${i}`, password: 'x' }, { from })));
    expect(burst.filter((r) => r.status === 200).length).toBe(budget);
    expect(burst.filter((r) => r.status === 429).length).toBe(5);
    const refused = await call('auth.login', OWNER, { from });
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body).error.message).toBe(ja.server.adminLoginThrottled(Math.ceil(Number(refused.headers['retry-after']) / 60)));
    expect(JSON.parse((await call('auth.login', OWNER, { from: '127.33.0.2' })).body)).toMatchObject({ ok: true });
  });

  it('the portal does not notice: the same source logs in on the employees\' pages', async () => {
    const client = new BrowserLikeClient(portal.url, { localAddress: '127.33.0.1' });
    const form = await client.get('/login');
    expect(form.status).toBe(200);
    const r = await client.post('/login', { loginId: 'tanaka', password: employeePassword, _csrf: csrfOf(form.html) });
    expect(r.status).toBe(200);
    expect(client.hasCookie('fu_session')).toBe(true);
  });

  it('and the portal\'s refusals take nothing from the admin login', async () => {
    const from = '127.33.0.9';
    const client = new BrowserLikeClient(portal.url, { localAddress: from });
    let last = 0;
    for (let i = 0; i < 21; i++) {
      const form = await client.get('/login');
      last = (await client.request('POST', '/login', { loginId: `nobody${i}`, password: `guess ${i}`, _csrf: csrfOf(form.html) })).status;
    }
    expect(last).toBe(429); // the portal's own budget for that source is spent
    expect(JSON.parse((await call('auth.login', OWNER, { from })).body)).toMatchObject({ ok: true });
  });
});
