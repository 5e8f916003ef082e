import { request } from 'node:https';
import selfsigned from 'selfsigned';
import { afterEach, describe, expect, it } from 'vitest';
import { composeApp } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { makeTempDir } from '../support/temp-dir';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** An HTTPS GET that accepts the test's self-signed certificate. */
function httpsGet(url: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { rejectUnauthorized: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    }).on('error', reject).end();
  });
}

describe('HTTPS for the LAN pages', () => {
  it('serves the portal over HTTPS with the administrator\'s certificate from the next start, with Secure cookies and HSTS', async () => {
    const tmp = makeTempDir();
    cleanups.push(tmp.remove);
    const pems = await selfsigned.generate([{ name: 'commonName', value: 'focus-u.example.lan' }], { keySize: 2048 });
    const first = composeApp({ dataDir: tmp.dir, logger: silentLogger });
    expect(() => first.settings.setPortalCertificate({ kind: 'pem', certPem: pems.cert, keyPem: 'not a key' })).toThrow('証明書（PEM）と秘密鍵（PEM）');
    expect(first.settings.get().portalTls.mode).toBe('none');
    const s = first.settings.setPortalCertificate({ kind: 'pem', certPem: pems.cert, keyPem: pems.private });
    expect(s.portalTls).toMatchObject({ mode: 'pem', subject: 'CN=focus-u.example.lan' });
    await first.close();

    const app = composeApp({ dataDir: tmp.dir, logger: silentLogger });
    cleanups.push(() => app.close());
    const portal = await app.startPortal({ host: '127.0.0.1', port: 0 });
    expect(portal.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    const login = await httpsGet(`${portal.url}login`);
    expect(login.status).toBe(200);
    expect(login.body).toContain('Focus U ポータルサイト');
    expect(login.headers['strict-transport-security']).toContain('max-age=');
    expect(String(login.headers['set-cookie'])).toMatch(/fu_csrf=.*; Secure/);
    expect(app.settings.get().portalRunningUrl).toBe(portal.url);
  });

  it('refuses a PFX with a wrong passphrase, changing nothing', async () => {
    const tmp = makeTempDir();
    cleanups.push(tmp.remove);
    const app = composeApp({ dataDir: tmp.dir, logger: silentLogger });
    cleanups.push(() => app.close());
    expect(() => app.settings.setPortalCertificate({ kind: 'pfx', pfxBase64: Buffer.from('garbage').toString('base64'), passphrase: 'x' }))
      .toThrow('PFXファイルを読み込めませんでした。');
    expect(app.settings.get().portalTls.mode).toBe('none');
  });
});
