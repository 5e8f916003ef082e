import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../main/portal/server';
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
