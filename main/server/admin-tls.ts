/**
 * The admin screens' certificate, from the files the service's configuration names (a PEM
 * pair, or a PFX with its passphrase in a file of its own so that it is not on the command
 * line). Checked as the portal's is: Node must accept it as a TLS context, else the start is
 * refused with one line naming the file and what is wrong with it.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { createSecureContext } from 'node:tls';
import { ja } from '../../preload/i18n/ja';
import type { TlsOptions } from '../services/portal-tls';
import { StartupRefusal } from '../startup-failure';

export type AdminCertificateFiles =
  | { kind: 'pem'; certFile: string; keyFile: string }
  | { kind: 'pfx'; pfxFile: string; passphraseFile: string | null };

export class AdminCertificateError extends StartupRefusal {}

export function loadAdminCertificate(files: AdminCertificateFiles): TlsOptions {
  const read = (file: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (e) {
      const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
      throw new AdminCertificateError(ja.server.adminCertificate(missing ? ja.server.certMissing : ja.server.certUnreadable, file));
    }
  };
  let options: TlsOptions;
  let shown: string;
  if (files.kind === 'pem') {
    options = { cert: read(files.certFile).toString(), key: read(files.keyFile).toString() };
    shown = `${files.certFile}, ${files.keyFile}`;
  } else {
    const passphrase = files.passphraseFile === null ? '' : read(files.passphraseFile).toString().replace(/\r?\n$/, '');
    options = { pfx: read(files.pfxFile), passphrase };
    shown = files.pfxFile;
  }
  try {
    createSecureContext(options); // a broken file, a key of another certificate or a wrong passphrase fails here
  } catch {
    throw new AdminCertificateError(ja.server.adminCertificate(files.kind === 'pem' ? ja.server.certInvalidPem : ja.server.certInvalidPfx, shown));
  }
  return options;
}

/**
 * The names (and IP addresses) from `wanted` that the certificate does not cover: a browser
 * would refuse the admin screens under them. PFX files are not looked into (a warning, not a rule).
 */
export function namesNotCovered(options: TlsOptions, wanted: readonly string[]): string[] {
  if (!('cert' in options)) return [];
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(options.cert);
  } catch {
    return [];
  }
  return wanted.filter((name) => (isIP(name) ? cert.checkIP(name) === undefined : cert.checkHost(name) === undefined));
}
