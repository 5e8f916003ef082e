/**
 * HTTPS for the LAN pages with the administrator's own certificate (PEM pair or PFX).
 * Checked before it is kept (Node must accept it as a TLS context), stored in DATA_DIR/tls
 * readable only by the owner, the PFX passphrase sealed. Takes effect at the next start.
 */
import { X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { PortalTlsInfo } from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import { readPortalTls, writePortalTls } from '../../db/queries/settings';
import { AppError } from './support/errors';
import type { SecretBox } from './support/secret-box';

export type PortalTlsInput =
  | { kind: 'pem'; certPem: string; keyPem: string }
  | { kind: 'pfx'; pfxBase64: string; passphrase: string };

export type TlsOptions = { cert: string; key: string } | { pfx: Buffer; passphrase: string };

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

  /** What the portal should listen with; null for plain HTTP (or when the files went missing). */
  load(): TlsOptions | null {
    const { mode, passphraseSealed } = readPortalTls(this.deps.db);
    try {
      if (mode === 'pem') return { cert: this.read('cert.pem').toString(), key: this.read('key.pem').toString() };
      if (mode === 'pfx') return { pfx: this.read('portal.pfx'), passphrase: this.deps.secrets.open(passphraseSealed) };
    } catch {
      return null;
    }
    return null;
  }

  describe(): PortalTlsInfo {
    const { mode } = readPortalTls(this.deps.db);
    if (mode !== 'pem') return { mode, subject: null, validTo: null };
    try {
      const cert = new X509Certificate(this.read('cert.pem'));
      return { mode, subject: cert.subject.replace(/\n/g, ', '), validTo: cert.validTo };
    } catch {
      return { mode, subject: null, validTo: null };
    }
  }

  private read(name: string): Buffer {
    return readFileSync(path.join(this.dir, name));
  }

  private clearFiles(): void {
    for (const f of ['cert.pem', 'key.pem', 'portal.pfx']) rmSync(path.join(this.dir, f), { force: true });
  }
}
