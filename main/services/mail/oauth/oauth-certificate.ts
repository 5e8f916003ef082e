/**
 * The certificate of a Microsoft 365 app registration (private_key_jwt): a PEM pair or a PFX,
 * accepted as the portal's certificate is (main/services/portal-tls.ts), checked before it is
 * kept — the key must be RSA (Entra signs and checks PS256/RS256), match the certificate, and the
 * certificate must not have expired. A PFX is opened with node-forge, which reads both what
 * Windows' export wizard writes (3DES, SHA-1) and what OpenSSL 3 writes (AES-256, SHA-256):
 * Node can use a PFX for TLS but cannot hand out its key, and MSAL needs the key as PEM.
 * node-forge is loaded only when a PFX is read (it is large, and a save is synchronous).
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import { createSecureContext } from 'node:tls';
import type Forge from 'node-forge';
import { ja } from '../../../../preload/i18n/ja';
import { AppError } from '../../support/errors';

export type OAuthCertificateInput =
  | { kind: 'pem'; certPem: string; keyPem: string }
  | { kind: 'pfx'; pfxBase64: string; passphrase: string };

export interface OAuthCertificate {
  /** the certificate alone (public), PEM */
  certPem: string;
  /** the private key, PKCS#8 PEM (sealed before it is stored) */
  keyPem: string;
  /** SHA-256 thumbprint in hex, as MSAL takes it (`x5t#S256` of the client assertion) */
  thumbprintSha256Hex: string;
  subject: string;
  /** the certificate's notAfter, ms */
  validTo: number;
}

/** Checks and normalises what the administrator chose; a refusal is a VALIDATION AppError on the `certificate` field. */
export function readOAuthCertificate(input: OAuthCertificateInput, now: number): OAuthCertificate {
  const refuse = (message: string) => new AppError('VALIDATION', message, { certificate: message });
  const { certs, key } = input.kind === 'pem' ? fromPem(input, refuse) : fromPfx(input, refuse);
  if (key.asymmetricKeyType !== 'rsa') throw refuse(ja.oauth.certNotRsa);
  const cert = certs.find((c) => c.checkPrivateKey(key));
  if (!cert) throw refuse(input.kind === 'pem' ? ja.tls.badPem : ja.tls.badPfx);
  const validTo = new Date(cert.validTo).getTime();
  if (!(validTo > now)) throw refuse(ja.oauth.certExpired(isoDate(validTo)));
  return {
    certPem: cert.toString(),
    keyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    thumbprintSha256Hex: cert.fingerprint256.replace(/:/g, '').toLowerCase(),
    subject: cert.subject.replace(/\n/g, ', '),
    validTo,
  };
}

/** What the settings show of a stored certificate (its public part only). */
export function describeOAuthCertificate(certPem: string): { subject: string; validTo: number; thumbprintSha256Hex: string } | null {
  try {
    const cert = new X509Certificate(certPem);
    return { subject: cert.subject.replace(/\n/g, ', '), validTo: new Date(cert.validTo).getTime(), thumbprintSha256Hex: cert.fingerprint256.replace(/:/g, '').toLowerCase() };
  } catch {
    return null;
  }
}

export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

type Refuse = (message: string) => AppError;

function fromPem(input: { certPem: string; keyPem: string }, refuse: Refuse): { certs: X509Certificate[]; key: KeyObject } {
  try {
    const blocks = input.certPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    const certs = blocks.map((b) => new X509Certificate(b));
    if (certs.length === 0) throw new Error('no certificate');
    return { certs, key: createPrivateKey(input.keyPem) };
  } catch {
    throw refuse(ja.tls.badPem);
  }
}

function fromPfx(input: { pfxBase64: string; passphrase: string }, refuse: Refuse): { certs: X509Certificate[]; key: KeyObject } {
  const pfx = Buffer.from(input.pfxBase64, 'base64');
  try {
    // OpenSSL checks the file and the passphrase first (as the portal's certificate is checked)
    createSecureContext({ pfx, passphrase: input.passphrase });
    const forge = createRequire(import.meta.url)('node-forge') as typeof Forge;
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(pfx.toString('binary'))), input.passphrase);
    const keyBag = [forge.pki.oids.pkcs8ShroudedKeyBag!, forge.pki.oids.keyBag!]
      .flatMap((type) => p12.getBags({ bagType: type })[type] ?? []).find((b) => b.key);
    const certs = (p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [])
      .flatMap((b) => (b.cert ? [new X509Certificate(forge.pki.certificateToPem(b.cert))] : []));
    if (!keyBag?.key || certs.length === 0) throw new Error('no key or certificate');
    return { certs, key: createPrivateKey(forge.pki.privateKeyToPem(keyBag.key)) };
  } catch {
    // forge knows RSA keys only: a PFX with another kind of key is not usable for Entra either
    throw refuse(ja.tls.badPfx);
  }
}
