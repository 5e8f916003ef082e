import { connect } from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../main/portal/server';
import { writePortalSettings } from '../../db/queries/settings';
import { machineHostNames } from '../../main/portal/host-check';
import { BrowserLikeClient, csrfOf } from '../support/browser-like-client';
import { makeTestApp } from '../support/test-app';

let t: ReturnType<typeof makeTestApp>;
let portal: RunningServer;
beforeAll(async () => {
  t = makeTestApp();
  portal = await t.app.startPortal({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await t.dispose();
});

describe('the LAN server', () => {
  it('sends its security headers on every page', async () => {
    const res = await fetch(`${portal.url}login`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('refuses an oversized form with 413, not a crash', async () => {
    const res = await fetch(`${portal.url}login`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `loginId=${'x'.repeat(20_000)}`,
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('リクエストの内容が正しくありません。');
  });

  it('keeps answering others while a slow client trickles its request', async () => {
    const { port } = new URL(portal.url);
    const slow = connect(Number(port), '127.0.0.1');
    await new Promise((r) => slow.once('connect', r));
    slow.write('GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n'); // headers never finished
    const timer = setInterval(() => slow.write('X-Slow: 1\r\n'), 50);
    try {
      const answers = await Promise.all(Array.from({ length: 5 }, () => fetch(`${portal.url}login`).then((r) => r.status)));
      expect(answers).toEqual([200, 200, 200, 200, 200]);
    } finally {
      clearInterval(timer);
      slow.destroy();
    }
  });
});

describe('the portal\'s own names only (DNS rebinding)', () => {
  const status = async (host: string, path = '/login') => {
    const r = await new BrowserLikeClient(portal.url, { headers: { host } }).get(path);
    return { status: r.status, html: r.html };
  };

  it('answers IP literals, localhost, this machine\'s host name and the host of 社員がアクセスするURL; 421 for any other name', async () => {
    const { port } = new URL(portal.url);
    writePortalSettings(t.app.db, { listenHost: '0.0.0.0', port: 8080, baseUrl: 'http://Kintai.Example.local:8080/' });
    const short = os.hostname().split('.')[0]!;
    for (const host of [`127.0.0.1:${port}`, '192.168.10.5', `[::1]:${port}`, `localhost:${port}`, os.hostname(), short, `${short}.`,
      'kintai.example.local:8080', 'KINTAI.EXAMPLE.LOCAL']) {
      expect([host, (await status(host)).status]).toEqual([host, 200]);
    }
    for (const host of ['evil.example', `evil.example:${port}`, 'kintai.example.local.evil.example', '127.0.0.1.nip.io', 'localhost.evil.example']) {
      const r = await status(host);
      expect([host, r.status]).toEqual([host, 421]);
      expect(r.html).toContain('このアドレスではFocus U ポータルサイトを表示できません。');
    }
    expect((await status('evil.example', '/assets/portal.css')).status).toBe(421); // every path, assets too
    // the settings change while the portal runs: the new name is taken at once, the old one refused
    writePortalSettings(t.app.db, { listenHost: '0.0.0.0', port: 8080, baseUrl: 'https://portal.example.co.jp/' });
    expect((await status('portal.example.co.jp')).status).toBe(200);
    expect((await status('kintai.example.local:8080')).status).toBe(421);
    writePortalSettings(t.app.db, { listenHost: '127.0.0.1', port: 8080, baseUrl: '' });
  });

  it('refuses a form posted from a page of another name (403), and changes nothing', async () => {
    const browser = new BrowserLikeClient(portal.url);
    const page = await browser.get('/login');
    const form = { _csrf: csrfOf(page.html), loginId: 'nobody', password: 'whatever' };
    const refused: Record<string, string>[] = [
      { origin: 'http://evil.example' }, { origin: 'https://evil.example:8443' }, { origin: 'http://localhost.evil.example' },
      { origin: 'null', 'sec-fetch-site': 'cross-site' }, // a sandboxed frame on a foreign page
      { origin: 'null', 'sec-fetch-site': 'same-site' }, // another service on another port of this machine
    ];
    for (const headers of refused) {
      const r = await browser.request('POST', '/login', form, headers);
      expect([headers, r.status]).toEqual([headers, 403]);
      expect(r.html).toContain('他のサイトから送信されたため、受け付けませんでした。');
    }
    const accepted: Record<string, string>[] = [
      { origin: portal.url.slice(0, -1) }, { origin: 'http://localhost:1234' }, { origin: `http://${machineHostNames()[1]}` },
      { origin: 'null', 'sec-fetch-site': 'same-origin' }, // the portal's own form under its no-referrer policy
    ];
    for (const headers of accepted) {
      expect([headers, (await browser.request('POST', '/login', form, headers)).status]).toEqual([headers, 401]); // reached the login
    }
  });
});
