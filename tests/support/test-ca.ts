/**
 * A certificate authority of the test's own and a server certificate it signed for 127.0.0.1 and
 * localhost: the loopback authorization server and SMTP server speak real TLS, and the product
 * (a child process started with NODE_EXTRA_CA_CERTS=caFile, Node's own way to trust an extra CA)
 * checks them as it checks login.microsoftonline.com and smtp.office365.com.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface TestCa {
  /** the CA's certificate, for NODE_EXTRA_CA_CERTS */
  caFile: string;
  caPem: string;
  /** the server certificate and key (SAN IP:127.0.0.1, DNS:localhost) */
  certPem: string;
  keyPem: string;
}

export function makeTestCa(dir: string): TestCa {
  const f = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '3',
    '-subj', '/CN=Focus U test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=localhost');
  writeFileSync(f('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  openssl('x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial',
    '-out', f('server.pem'), '-days', '3', '-extfile', f('server.ext'));
  return {
    caFile: f('ca.pem'), caPem: readFileSync(f('ca.pem'), 'utf8'),
    certPem: readFileSync(f('server.pem'), 'utf8'), keyPem: readFileSync(f('server.key'), 'utf8'),
  };
}

/** A self-signed RSA certificate and key, as an administrator makes one for an app registration. */
export function makeAppCertificate(dir: string, name: string, days = 365): { certPem: string; keyPem: string; certFile: string; keyFile: string } {
  const certFile = path.join(dir, `${name}.pem`);
  const keyFile = path.join(dir, `${name}.key`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', String(days),
    '-subj', `/CN=${name}`], { stdio: 'pipe' });
  return { certPem: readFileSync(certFile, 'utf8'), keyPem: readFileSync(keyFile, 'utf8'), certFile, keyFile };
}

/**
 * The pair as a PFX. `legacy`: 3DES and SHA-1 as Windows' certificate export wizard writes by
 * default ("TripleDES-SHA1"); otherwise OpenSSL 3's AES-256 and SHA-256.
 */
export function pfxOf(dir: string, pair: { certFile: string; keyFile: string }, passphrase: string, legacy = false): Buffer {
  const out = path.join(dir, `${path.basename(pair.certFile)}${legacy ? '.legacy' : ''}.pfx`);
  const algorithms = legacy ? ['-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'] : [];
  execFileSync('openssl', ['pkcs12', '-export', '-in', pair.certFile, '-inkey', pair.keyFile, '-out', out, '-passout', `pass:${passphrase}`, ...algorithms], { stdio: 'pipe' });
  return readFileSync(out);
}
