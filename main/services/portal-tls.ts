/**
 * HTTPS for the LAN pages with the administrator's own certificate (PEM pair or PFX).
 * Checked before it is kept (Node must accept it as a TLS context), stored in DATA_DIR/tls
 * readable only by the owner, the PFX passphrase sealed. Takes effect at the next start (or at
 * once when the portal is down for want of a loadable certificate).
 *
 * What is kept can go bad afterwards (files deleted or damaged, the key that seals the
 * passphrase lost): load() then names the problem instead of throwing, so the admin screens
 * still start and show it, and the portal is not started on plain HTTP in HTTPS's place.
 */
import { X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { PortalTlsInfo, PortalTlsProblem } from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import { readPortalTls, writePortalTls } from '../../db/queries/settings';
import { AppError } from './support/errors';
import type { SecretBox } from './support/secret-box';

export type PortalTlsInput =
  | { kind: 'pem'; certPem: string; keyPem: string }
  | { kind: 'pfx'; pfxBase64: string; passphrase: string };

export type TlsOptions = { cert: string; key: string } | { pfx: Buffer; passphrase: string };

/** What the portal listens with: `tls` (null: plain HTTP, none configured), or why HTTPS cannot be had. */
export type TlsLoad = { tls: TlsOptions | null } | { problem: PortalTlsProblem };

/** A configured certificate that cannot be used; the portal stays down until it is replaced or removed. */
export class PortalTlsError extends Error {
  constructor(readonly problem: PortalTlsProblem) {
    super(`the portal's certificate cannot be loaded: ${problem}`);
    this.name = 'PortalTlsError';
  }
}

export class PortalTls {
  constructor(private readonly deps: { db: Database; dataDir: string; secrets: SecretBox }) {}

  private get dir(): string {
    return path.join(this.deps.dataDir, 'tls');
  }

  set(input: PortalTlsInput): PortalTlsInfo {
    const options: TlsOptions = input.kind === 'pem'
      ? { cert: input.certPem, key: input.keyPem }
      : { pfx: Buffer.from(input.pfxBase64, 'base64'), passphrase: input.passphrase };
    try {
      createSecureContext(options); // a wrong pair, a broken file or a wrong passphrase fails here
    } catch {
      throw new AppError('VALIDATION', input.kind === 'pem' ? ja.tls.badPem : ja.tls.badPfx);
    }
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.clearFiles();
    const write = (name: string, data: string | Buffer) => writeFileSync(path.join(this.dir, name), data, { mode: 0o600 });
    if ('cert' in options) {
      write('cert.pem', options.cert);
      write('key.pem', options.key);
      writePortalTls(this.deps.db, 'pem', '');
    } else {
      write('portal.pfx', options.pfx);
      writePortalTls(this.deps.db, 'pfx', this.deps.secrets.seal(options.passphrase));
    }
    return this.describe();
  }

  remove(): PortalTlsInfo {
    this.clearFiles();
    writePortalTls(this.deps.db, 'none', '');
    return this.describe();
  }

  /** What the portal should listen with, checked as set() checks it; never throws. */
  load(): TlsLoad {
    const { mode, passphraseSealed } = readPortalTls(this.deps.db);
    if (mode === 'none') return { tls: null };
    let options: TlsOptions;
    try {
      options = mode === 'pem'
        ? { cert: this.read('cert.pem').toString(), key: this.read('key.pem').toString() }
        : { pfx: this.read('portal.pfx'), passphrase: '' };
    } catch (e) {
      return { problem: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable' };
    }
    if ('pfx' in options) {
      try {
        options.passphrase = this.deps.secrets.open(passphraseSealed);
      } catch {
        return { problem: 'passphrase' };
      }
    }
    try {
      createSecureContext(options);
    } catch {
      return { problem: 'invalid' };
    }
    return { tls: options };
  }

  describe(): PortalTlsInfo {
    const { mode } = readPortalTls(this.deps.db);
    const loaded = this.load();
    const problem = 'problem' in loaded ? loaded.problem : null;
    if (mode !== 'pem') return { mode, subject: null, validTo: null, problem };
    try {
      const cert = new X509Certificate(this.read('cert.pem'));
      return { mode, subject: cert.subject.replace(/\n/g, ', '), validTo: cert.validTo, problem };
    } catch {
      return { mode, subject: null, validTo: null, problem };
    }
  }

  private read(name: string): Buffer {
    return readFileSync(path.join(this.dir, name));
  }

  private clearFiles(): void {
    for (const f of ['cert.pem', 'key.pem', 'portal.pfx']) rmSync(path.join(this.dir, f), { force: true });
  }
}
