/**
 * A portal certificate that cannot be loaded (files gone, damaged, or a PFX passphrase that can no
 * longer be unsealed): a real headless child starts its admin screens anyway, keeps the portal
 * down — never plain HTTP in place of the HTTPS the settings promise — and says why on stderr and
 * in the settings; a new certificate, or removing it, starts the portal at once.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import path from 'node:path';
import selfsigned from 'selfsigned';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { composeApp } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { AdminClient } from '../support/admin-client';
import { startHeadless, type HeadlessProcess } from '../support/headless-process';
import { SEED_ADMIN, seedDataDir } from '../support/seed';
import { makeTempDir } from '../support/temp-dir';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

let pems: { cert: string; private: string };
beforeAll(async () => {
  pems = await selfsigned.generate([{ name: 'commonName', value: 'focus-u.example.lan' }], { keySize: 2048 });
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** Whether anything answers HTTP or HTTPS on the port (a refused connection: no). */
async function answers(url: string): Promise<boolean> {
  if (url.startsWith('https:')) {
    return new Promise((resolve) => {
      request(url, { rejectUnauthorized: false }, (res) => {
        res.resume();
        resolve(true);
      }).on('error', () => resolve(false)).end();
    });
  }
  return fetch(url).then(() => true, () => false);
}

async function startWith(dataDir: string): Promise<{ p: HeadlessProcess; port: number; admin: AdminClient }> {
  const port = await freePort();
  const p = await startHeadless(['--data-dir', dataDir, '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', String(port)]);
  cleanups.push(() => p.stop());
  const admin = await AdminClient.open(p.adminUrl);
  await admin.call('auth.login', SEED_ADMIN);
  return { p, port, admin };
}

async function dataDirWith(certificate: 'pem' | 'pfx'): Promise<string> {
  const tmp = makeTempDir();
  cleanups.push(tmp.remove);
  await seedDataDir(tmp.dir, 1);
  const app = composeApp({ dataDir: tmp.dir, logger: silentLogger });
  try {
    if (certificate === 'pem') app.settings.setPortalCertificate({ kind: 'pem', certPem: pems.cert, keyPem: pems.private });
    else app.settings.setPortalCertificate({ kind: 'pfx', pfxBase64: pfxOf(tmp.dir).toString('base64'), passphrase: 'pfx pass 1' });
  } finally {
    await app.close();
  }
  return tmp.dir;
}

/** The PEM pair as a PFX, as a Windows administrator would export it. */
function pfxOf(dir: string): Buffer {
  const cert = path.join(dir, 'in-cert.pem');
  const key = path.join(dir, 'in-key.pem');
  const out = path.join(dir, 'in.pfx');
  writeFileSync(cert, pems.cert);
  writeFileSync(key, pems.private);
  execFileSync('openssl', ['pkcs12', '-export', '-in', cert, '-inkey', key, '-out', out, '-passout', 'pass:pfx pass 1']);
  const pfx = readFileSync(out);
  for (const f of [cert, key, out]) rmSync(f);
  return pfx;
}

describe('a portal certificate that cannot be loaded', () => {
  it('a damaged key: the admin screens answer, the portal does not (not on HTTP either), the settings say why; removing the certificate starts the portal on HTTP', async () => {
    const dir = await dataDirWith('pem');
    writeFileSync(path.join(dir, 'tls', 'key.pem'), '-----BEGIN PRIVATE KEY-----\ndamaged\n-----END PRIVATE KEY-----\n');
    const { p, port, admin } = await startWith(dir);

    expect(p.portalUrl).toBe('-');
    // one plain line among the JSON log lines
    expect(p.stderr().split('\n').filter((l) => !l.startsWith('{'))).toEqual([
      'ポータル（社員向けページ）を起動していません: 証明書または秘密鍵のファイルが壊れているか、組み合わせが正しくありません。管理画面の 基本設定 › アカウント › HTTPS（証明書） で、新しい証明書を設定するか証明書を削除してください。',
      '',
    ]);
    expect(await answers(`http://127.0.0.1:${port}/login`)).toBe(false);
    expect(await answers(`https://127.0.0.1:${port}/login`)).toBe(false);
    const settings = await admin.call('settings.get', undefined);
    expect(settings.portalRunningUrl).toBeNull();
    expect(settings.portalTls).toMatchObject({ mode: 'pem', problem: 'invalid' });

    const after = await admin.call('settings.removePortalCertificate', undefined);
    expect(after.portalTls).toMatchObject({ mode: 'none', problem: null });
    expect(after.portalRunningUrl).toBe(`http://127.0.0.1:${port}/`);
    expect(await p.portalStarted()).toBe(`http://127.0.0.1:${port}/`);
    const login = await fetch(`http://127.0.0.1:${port}/login`);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('Focus U ポータルサイト');
  }, 60_000);

  it('files gone: named as missing; uploading a new certificate starts the portal on HTTPS', async () => {
    const dir = await dataDirWith('pem');
    rmSync(path.join(dir, 'tls'), { recursive: true });
    const { p, port, admin } = await startWith(dir);
    expect(p.portalUrl).toBe('-');
    expect(p.stderr()).toContain('証明書のファイルが見つかりません');
    expect(await answers(`http://127.0.0.1:${port}/login`)).toBe(false);
    expect((await admin.call('settings.get', undefined)).portalTls).toMatchObject({ mode: 'pem', problem: 'missing' });

    const after = await admin.call('settings.setPortalCertificate', { kind: 'pem', certPem: pems.cert, keyPem: pems.private });
    expect(after.portalTls).toMatchObject({ mode: 'pem', problem: null, subject: 'CN=focus-u.example.lan' });
    expect(after.portalRunningUrl).toBe(`https://127.0.0.1:${port}/`);
    expect(await p.portalStarted()).toBe(`https://127.0.0.1:${port}/`);
    expect(await answers(`https://127.0.0.1:${port}/login`)).toBe(true);
  }, 60_000);

  it('a PFX whose passphrase can no longer be unsealed (the key file beside the database was lost): named as such', async () => {
    const dir = await dataDirWith('pfx');
    rmSync(path.join(dir, 'secret.key'));
    const { p, port, admin } = await startWith(dir);
    expect(p.portalUrl).toBe('-');
    expect(p.stderr()).toContain('PFXファイルのパスワードを復号できません');
    expect(await answers(`http://127.0.0.1:${port}/login`)).toBe(false);
    expect((await admin.call('settings.get', undefined)).portalTls).toMatchObject({ mode: 'pfx', problem: 'passphrase' });
  }, 60_000);

  it('a certificate file that cannot be read (a folder in its place): named as unreadable', async () => {
    const dir = await dataDirWith('pem');
    rmSync(path.join(dir, 'tls', 'cert.pem'));
    execFileSync('mkdir', [path.join(dir, 'tls', 'cert.pem')]);
    const { p, admin } = await startWith(dir);
    expect(p.portalUrl).toBe('-');
    expect(p.stderr()).toContain('証明書のファイルを読み取れません');
    expect((await admin.call('settings.get', undefined)).portalTls).toMatchObject({ mode: 'pem', problem: 'unreadable' });
  }, 60_000);
});
