/**
 * A certificate authority of the test's own and a server certificate it signed for 127.0.0.1 and
 * localhost: the loopback authorization server and SMTP server speak real TLS, and the product
 * (a child process started with NODE_EXTRA_CA_CERTS=caFile, Node's own way to trust an extra CA)
 * checks them as it checks login.microsoftonline.com and smtp.office365.com.
 */
import { execFileSync, spawnSync } from 'node:child_process';
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

/**
 * Service mode's admin screens over HTTPS: a CA and a server certificate for `dnsNames` and `ips`
 * (the LAN address, the names administrators type), the same as a PEM pair and a PFX whose
 * passphrase sits in a file. The test's client trusts the CA (Node's `ca` option, or the
 * browser's certificate store), as an office trusts its own CA — no certificate error is ignored.
 */
export interface TestCertificates {
  caFile: string;
  caPem: string;
  certFile: string;
  keyFile: string;
  certPem: string;
  keyPem: string;
  /** the same certificate and key as a PFX (PKCS#12), sealed with `passphrase` */
  pfxFile: string;
  passphraseFile: string;
  passphrase: string;
}

function opensslIn(cwd: string, args: string[]): void {
  const r = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args[0]} failed (is openssl installed?): ${r.stderr}`);
}

export function makeTestCertificates(dir: string, o: { dnsNames: string[]; ips: string[] }): TestCertificates {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  opensslIn(dir, ['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/O=Focus U Test/CN=Focus U Test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  opensslIn(dir, ['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${o.dnsNames[0] ?? o.ips[0]}`]);
  const san = [...o.dnsNames.map((n) => `DNS:${n}`), ...o.ips.map((ip) => `IP:${ip}`)].join(',');
  writeFileSync(path.join(dir, 'server.ext'), [
    `subjectAltName=${san}`, 'basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=serverAuth',
  ].join('\n'));
  opensslIn(dir, ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2',
    '-extfile', 'server.ext']);
  const passphrase = 'pfx passphrase 7';
  writeFileSync(path.join(dir, 'pfx.pass'), `${passphrase}\n`, { mode: 0o600 });
  opensslIn(dir, ['pkcs12', '-export', '-out', 'server.pfx', '-inkey', 'server.key', '-in', 'server.pem', '-passout', `pass:${passphrase}`]);
  const file = (f: string) => path.join(dir, f);
  return {
    caFile: file('ca.pem'), caPem: readFileSync(file('ca.pem'), 'utf8'),
    certFile: file('server.pem'), keyFile: file('server.key'),
    certPem: readFileSync(file('server.pem'), 'utf8'), keyPem: readFileSync(file('server.key'), 'utf8'),
    pfxFile: file('server.pfx'), passphraseFile: file('pfx.pass'), passphrase,
  };
}
