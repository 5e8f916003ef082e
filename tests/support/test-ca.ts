/**
 * A certificate authority of the test's own and a server certificate it signed (OpenSSL's
 * command line), for the admin screens over HTTPS: the test trusts the CA (Node's `ca` option,
 * or the browser's certificate store), exactly as an office trusts its own CA — no
 * "ignore certificate errors" anywhere.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

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

function openssl(args: string[], cwd: string): void {
  const r = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args[0]} failed (is openssl installed?): ${r.stderr}`);
}

/** Files in `dir`: a CA, and a server certificate for `dnsNames` and `ips`, valid for two days. */
export function makeTestCertificates(dir: string, o: { dnsNames: string[]; ips: string[] }): TestCertificates {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/O=Focus U Test/CN=Focus U Test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  openssl(['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${o.dnsNames[0] ?? o.ips[0]}`], dir);
  const san = [...o.dnsNames.map((n) => `DNS:${n}`), ...o.ips.map((ip) => `IP:${ip}`)].join(',');
  writeFileSync(path.join(dir, 'server.ext'), [
    `subjectAltName=${san}`, 'basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=serverAuth',
  ].join('\n'));
  openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2',
    '-extfile', 'server.ext'], dir);
  const passphrase = 'pfx passphrase 7';
  writeFileSync(path.join(dir, 'pfx.pass'), `${passphrase}\n`, { mode: 0o600 });
  openssl(['pkcs12', '-export', '-out', 'server.pfx', '-inkey', 'server.key', '-in', 'server.pem', '-passout', `pass:${passphrase}`], dir);
  const file = (f: string) => path.join(dir, f);
  return {
    caFile: file('ca.pem'), caPem: readFileSync(file('ca.pem'), 'utf8'),
    certFile: file('server.pem'), keyFile: file('server.key'),
    certPem: readFileSync(file('server.pem'), 'utf8'), keyPem: readFileSync(file('server.key'), 'utf8'),
    pfxFile: file('server.pfx'), passphraseFile: file('pfx.pass'), passphrase,
  };
}
