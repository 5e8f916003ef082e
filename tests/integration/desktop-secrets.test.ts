/**
 * The desktop seals secrets with safeStorage where the OS offers it, and seals again what the
 * key file sealed; headless mode (and a Linux desktop without a keyring) keeps the key file.
 * Checked end to end: the SMTP password still logs in to a real SMTP server after the move.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import selfsigned from 'selfsigned';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { composeApp, DATABASE_FILE } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { startDesktop, type DesktopUnderTest } from '../support/desktop-run';
import { SEED_ADMIN, seedDataDir } from '../support/seed';
import { makeTempDir } from '../support/temp-dir';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const SMTP_PASSWORD = 'smtp pass 本物';
const PFX_PASSPHRASE = 'pfx pass 1';

/** An SMTP server that takes AUTH without TLS and remembers the passwords it was given. */
async function authServer(): Promise<{ port: number; passwords: string[] }> {
  const passwords: string[] = [];
  const server = new SMTPServer({
    secure: false, disabledCommands: ['STARTTLS'], allowInsecureAuth: true, authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, callback) {
      passwords.push(auth.password ?? '');
      if (auth.password === SMTP_PASSWORD) return callback(null, { user: auth.username });
      callback(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback());
    },
    logger: false,
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return { port: (server.server.address() as AddressInfo).port, passwords };
}

/** A data folder as headless mode (or an earlier desktop version) leaves it: secrets sealed with the key file. */
async function keyFileDataDir(dataDir: string, smtpPort: number): Promise<void> {
  await seedDataDir(dataDir, 1);
  const app = composeApp({ dataDir, logger: silentLogger });
  try {
    app.smtp.update({ host: '127.0.0.1', port: smtpPort, security: 'none', user: 'focusu', password: SMTP_PASSWORD, fromAddress: 'focus-u@example.co.jp', fromName: 'Focus U', ratePerMinute: 0 });
    app.settings.setPortalCertificate({ kind: 'pfx', pfxBase64: (await pfx(dataDir)).toString('base64'), passphrase: PFX_PASSPHRASE });
  } finally {
    await app.close();
  }
}

async function pfx(dir: string): Promise<Buffer> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], { keySize: 2048 });
  const [cert, key, out] = ['in-cert.pem', 'in-key.pem', 'in.pfx'].map((f) => path.join(dir, f)) as [string, string, string];
  writeFileSync(cert, pems.cert);
  writeFileSync(key, pems.private);
  execFileSync('openssl', ['pkcs12', '-export', '-in', cert, '-inkey', key, '-out', out, '-passout', `pass:${PFX_PASSPHRASE}`]);
  const bytes = readFileSync(out);
  for (const f of [cert, key, out]) rmSync(f);
  return bytes;
}

function sealed(dataDir: string): { smtp: string; tls: string } {
  const db = new BetterSqlite3(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare('SELECT smtp_password_sealed AS smtp, portal_tls_passphrase_sealed AS tls FROM settings').get() as { smtp: string; tls: string };
  } finally {
    db.close();
  }
}

async function smtpTestFromWindow(d: DesktopUnderTest): Promise<unknown> {
  const win = d.fake.liveWindows()[0]!;
  await d.fake.invoke(win, 'auth.login', SEED_ADMIN);
  return d.fake.invoke(win, 'smtp.test', { to: 'someone@example.co.jp' });
}

function userData(): string {
  const t = makeTempDir('focusu-secrets-');
  cleanups.push(t.remove);
  return path.join(t.dir, 'userData');
}

describe('the desktop\'s secrets', () => {
  it('safeStorage takes over: key-file values are sealed again at start, and still work (SMTP login, the PFX\'s HTTPS portal)', async () => {
    const smtp = await authServer();
    const dir = userData();
    const dataDir = path.join(dir, 'data');
    await keyFileDataDir(dataDir, smtp.port);
    expect(sealed(dataDir)).toEqual({ smtp: expect.stringMatching(/^v1\./), tls: expect.stringMatching(/^v1\./) });

    const d = await startDesktop(dir);
    cleanups.push(() => d.quit());
    const after = sealed(dataDir);
    expect(after).toEqual({ smtp: expect.stringMatching(/^ss1\./), tls: expect.stringMatching(/^ss1\./) });
    expect(JSON.stringify(after)).not.toContain(SMTP_PASSWORD);
    expect(await smtpTestFromWindow(d)).toMatchObject({ ok: true });
    expect(smtp.passwords).toEqual([SMTP_PASSWORD]);
    expect(d.portalUrl()).toMatch(/^https:\/\//); // the PFX opened with the resealed passphrase
  });

  it('a fresh desktop data folder never gets a key file; a password set on the screen is sealed by safeStorage', async () => {
    const smtp = await authServer();
    const dir = userData();
    await seedDataDir(path.join(dir, 'data'), 1);
    rmSync(path.join(dir, 'data', 'secret.key'), { force: true }); // seedDataDir ran headless-style composition
    const d = await startDesktop(dir);
    cleanups.push(() => d.quit());
    const win = d.fake.liveWindows()[0]!;
    await d.fake.invoke(win, 'auth.login', SEED_ADMIN);
    expect(await d.fake.invoke(win, 'smtp.update', {
      host: '127.0.0.1', port: smtp.port, security: 'none', user: 'focusu', password: SMTP_PASSWORD, fromAddress: 'focus-u@example.co.jp', fromName: 'Focus U', ratePerMinute: 0,
    })).toMatchObject({ ok: true });
    expect(sealed(d.dataDir).smtp).toMatch(/^ss1\./);
    expect(existsSync(path.join(d.dataDir, 'secret.key'))).toBe(false);
    expect(await d.fake.invoke(win, 'smtp.test', { to: 'someone@example.co.jp' })).toMatchObject({ ok: true });
  });

  it('Linux without a keyring (safeStorage\'s fixed-key fallback): the key file stays in use', async () => {
    const smtp = await authServer();
    const dir = userData();
    const dataDir = path.join(dir, 'data');
    await keyFileDataDir(dataDir, smtp.port);
    const before = sealed(dataDir);
    const d = await startDesktop(dir, {}, { safeStorage: { available: true, backend: 'basic_text' } });
    cleanups.push(() => d.quit());
    expect(sealed(dataDir)).toEqual(before);
    expect(await smtpTestFromWindow(d)).toMatchObject({ ok: true });
  });
});
