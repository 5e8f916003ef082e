import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCookieName, startBridgeServer, type RunningBridge } from '../../main/bridge/server';
import { ADMIN_SESSION_IDLE_MS } from '../../main/services/admin-auth-service';
import { makeTestApp } from '../support/test-app';

let t: ReturnType<typeof makeTestApp>;
let bridge: RunningBridge;
const TOKEN = 'test-token-0123456789';

beforeAll(async () => {
  t = makeTestApp();
  const rendererDir = path.join(t.dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<html><head><meta name="focusu-token" content=""></head></html>');
  bridge = await startBridgeServer({
    port: 0, dispatcher: t.app.dispatcher, events: t.app.events, logger: t.app.logger, rendererDir, token: TOKEN,
    isLoggedIn: (s) => t.app.auth.isLoggedIn(s), isSessionLive: (s) => t.app.auth.isLive(s), issuance: t.app.issuance,
  });
});
afterAll(async () => {
  await bridge.close();
  await t.dispose();
});

/** A contract call as the screens make it; `cookie` carries the admin session. */
async function call(method: string, input: unknown, opts: { cookie?: string; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${bridge.url}api/call/${method}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json', 'x-focusu-token': TOKEN, ...(opts.cookie ? { cookie: opts.cookie } : {}),
      ...opts.headers,
    },
    body: typeof input === 'string' ? input : JSON.stringify(input),
  });
  const setCookie = res.headers.get('set-cookie');
  const text = await res.text();
  const body = (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : { ok: false, text }) as {
    ok: boolean; result?: Record<string, unknown>; error?: { code: string; message: string }; text?: string;
  };
  return { status: res.status, body, setCookie };
}

const cookieOf = (setCookie: string | null) => setCookie!.split(';')[0]!;

describe('the loopback bridge', () => {
  it('binds 127.0.0.1 and serves the page with this launch\'s token', async () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(bridge.url);
    expect(await res.text()).toContain(`<meta name="focusu-token" content="${TOKEN}">`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('refuses a call without the token, or with a wrong one', async () => {
    for (const headers of [{}, { 'x-focusu-token': 'wrong' }] as Record<string, string>[]) {
      const res = await fetch(`${bridge.url}api/call/auth.getState`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
      expect(res.status).toBe(403);
    }
  });

  it('refuses a foreign Origin and a foreign Host (DNS rebinding)', async () => {
    expect((await call('auth.getState', {}, { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    const rebinding = await new Promise<number>((resolve) => {
      // fetch cannot forge Host; a raw request can, as a rebinding attacker's browser would send it.
      import('node:http').then(({ request }) => {
        const req = request(`${bridge.url}api/call/auth.getState`, {
          method: 'POST', headers: { host: `evil.example:${bridge.port}`, 'x-focusu-token': TOKEN, 'content-type': 'application/json' },
        }, (res) => resolve(res.statusCode ?? 0));
        req.end('{}');
      });
    });
    expect(rebinding).toBe(421);
    expect((await call('auth.getState', {}, { headers: { origin: bridge.url.slice(0, -1) } })).status).toBe(200);
  });

  it('asks for the login before anything but the auth methods', async () => {
    const r = await call('settings.get', {});
    expect(r.body).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: 'ログインしてください。' } });
    expect((await call('auth.getState', {})).body.result).toMatchObject({ setupRequired: true, loggedIn: false });
  });

  it('answers unknown methods, malformed JSON and wrong input with a Japanese error, not a crash', async () => {
    expect((await call('constructor', {})).body.ok).toBe(false);
    expect((await call('__proto__', {})).body.ok).toBe(false);
    const bad = await call('auth.login', '{"loginId": ');
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toBe('入力内容に誤りがあります。');
    expect((await call('auth.login', { loginId: 42 })).body.error?.code).toBe('VALIDATION');
  });

  it('refuses an oversized body', async () => {
    const r = await call('auth.login', { loginId: 'x'.repeat(17_000_000), password: 'y' });
    expect(r.status).toBe(413);
  });

  it('sets up, keeps the session in an HttpOnly SameSite=Strict cookie, and logs in and out', async () => {
    const setup = await call('auth.setup', { companyName: '試験株式会社', adminLastName: '管理', loginId: 'admin', password: 'long enough 1' });
    expect(setup.body.result).toMatchObject({ setupRequired: false, loggedIn: true, companyName: '試験株式会社' });
    // named after this server's port: cookies ignore ports, so every service on 127.0.0.1 sees it
    expect(adminCookieName(bridge.port)).toBe(`focusu_admin_${bridge.port}`);
    expect(setup.setCookie).toMatch(new RegExp(`^${adminCookieName(bridge.port)}=[\\w-]{40,}; Path=/; HttpOnly; SameSite=Strict$`));
    const cookie = cookieOf(setup.setCookie);
    expect((await call('settings.get', {}, { cookie })).body.result).toMatchObject({ notifyMethod: 'pdf', verificationDays: 7 });

    // a second setup is refused
    expect((await call('auth.setup', { companyName: 'x', adminLastName: 'x', loginId: 'evil', password: 'long enough 2' })).body.error?.code).toBe('FORBIDDEN');

    await call('auth.logout', {}, { cookie });
    expect((await call('settings.get', {}, { cookie })).body.error?.code).toBe('UNAUTHORIZED');

    const login = await call('auth.login', { loginId: 'admin', password: 'long enough 1' });
    expect(login.body.result).toMatchObject({ loggedIn: true });
    expect(cookieOf(login.setCookie)).not.toBe(cookie); // a fresh session id at every login
  });

  it('gives the same answer for an unknown ID and a wrong password, and locks after 5 failures', async () => {
    const unknown = await call('auth.login', { loginId: 'nobody', password: 'whatever' });
    const wrong = await call('auth.login', { loginId: 'admin', password: 'wrong password' });
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error).toEqual({ code: 'AUTH_FAILED', message: 'ログインIDまたはパスワードが正しくありません。' });
    for (let i = 0; i < 4; i++) await call('auth.login', { loginId: 'admin', password: 'wrong password' });
    const locked = await call('auth.login', { loginId: 'admin', password: 'long enough 1' });
    expect(locked.body).toEqual(wrong.body); // locked, and it says no more than that
    t.clock.advance(15 * 60_000 + 1);
    expect((await call('auth.login', { loginId: 'admin', password: 'long enough 1' })).body.ok).toBe(true);
  });

  it('delivers a prepared notice once as a download, and only then stores the password', async () => {
    const cookie = cookieOf((await call('auth.login', { loginId: 'admin', password: 'long enough 1' })).setCookie);
    const created = await call('employees.create', {
      loginId: 'yamada', code: '', honorific: '', lastName: '山田', firstName: '', department: '', email1: '', email2: '', email3: '',
      recorderEnabled: true,
    }, { cookie });
    const id = (created.body.result?.employee as { id: number }).id;
    const preview = (await call('issuance.preparePdf', { kind: 'password', mode: 'individual', ids: [id] }, { cookie })).body.result!;
    const url = `${bridge.url}api/download/${String(preview.issueId)}`;
    expect((await fetch(url)).status).toBe(403); // no session cookie
    const waiting = call('issuance.awaitDownload', { issueId: preview.issueId }, { cookie });
    const download = await fetch(url, { headers: { cookie } });
    expect(download.headers.get('content-type')).toBe('application/pdf');
    // named by the employee (no 社員コード here), the Japanese name as RFC 6266's filename*
    const disposition = download.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[^"]*\.pdf"; filename\*=UTF-8''\S+$/);
    expect(decodeURIComponent(/filename\*=UTF-8''(\S+)$/.exec(disposition)![1]!)).toBe('パスワード通知書_山田.pdf');
    expect(Buffer.from(await download.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await waiting).body.result).toMatchObject({ counts: { success: 1, failure: 0, excluded: 0 } });
    expect((await fetch(url, { headers: { cookie } })).status).toBe(404); // once only
    expect(t.app.employees.get(id).password).toBe('issued');
  });

  it('pushes events to the screens over the event stream', async () => {
    const login = await call('auth.login', { loginId: 'admin', password: 'long enough 1' });
    const cookie = cookieOf(login.setCookie);
    const controller = new AbortController();
    const res = await fetch(`${bridge.url}api/events`, { headers: { 'x-focusu-token': TOKEN, cookie }, signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const created = await call('employees.create', {
      loginId: 'tanaka', code: '', honorific: '', lastName: '田中', firstName: '', department: '', email1: '', email2: '', email3: '',
      recorderEnabled: true,
    }, { cookie });
    expect(created.body.result?.status).toBe('saved');
    const { value } = await reader.read();
    expect(value).toBe('data: {"event":"employeesChanged","payload":{"reason":"created"}}\n\n');
    controller.abort();
  });

  it('needs both the token and the session for every admin request, the event stream included', async () => {
    const cookie = cookieOf((await call('auth.login', { loginId: 'admin', password: 'long enough 1' })).setCookie);
    const noToken = await fetch(`${bridge.url}api/call/settings.get`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{}' });
    expect(noToken.status).toBe(403);
    expect((await call('settings.get', {})).body.error?.code).toBe('UNAUTHORIZED'); // token, no session
    const oldName = `focusu_admin=${cookie.split('=')[1]}`; // a cookie of another port's server (or the old name) is not this one's
    expect((await call('settings.get', {}, { cookie: oldName })).body.error?.code).toBe('UNAUTHORIZED');
    const events = (headers: Record<string, string>) => fetch(`${bridge.url}api/events`, { headers });
    expect((await events({ 'x-focusu-token': TOKEN })).status).toBe(403); // the token alone no longer opens the stream
    expect((await events({ cookie })).status).toBe(403);
    expect((await events({ 'x-focusu-token': TOKEN, cookie: oldName })).status).toBe(403);
  });

  it('ends the event stream when its session ends (logout, or idle), without delivering what follows', async () => {
    const employee = (loginId: string) => ({
      loginId, code: '', honorific: '', lastName: '終了', firstName: '', department: '', email1: '', email2: '', email3: '', recorderEnabled: true,
    });
    const other = cookieOf((await call('auth.login', { loginId: 'admin', password: 'long enough 1' })).setCookie);
    for (const end of ['logout', 'idle'] as const) {
      const cookie = cookieOf((await call('auth.login', { loginId: 'admin', password: 'long enough 1' })).setCookie);
      const res = await fetch(`${bridge.url}api/events`, { headers: { 'x-focusu-token': TOKEN, cookie } });
      expect(res.status).toBe(200);
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      if (end === 'logout') await call('auth.logout', {}, { cookie });
      else t.clock.advance(ADMIN_SESSION_IDLE_MS + 1);
      const created = await call('employees.create', employee(`end-${end}`), { cookie: end === 'idle' ? cookieOf((await call('auth.login', { loginId: 'admin', password: 'long enough 1' })).setCookie) : other });
      expect(created.body.result?.status).toBe('saved');
      let received = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        received += value;
      }
      // closed, told only that its session ended (service mode: the screens go to the login at once), and the employee's event never reached it
      expect([end, received]).toEqual([end, 'data: {"event":"sessionEnded","payload":{}}\n\n']);
      expect((await fetch(`${bridge.url}api/events`, { headers: { 'x-focusu-token': TOKEN, cookie } })).status).toBe(403);
    }
  });
});
