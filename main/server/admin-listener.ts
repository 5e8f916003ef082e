/**
 * Where the admin screens listen, decided from the options before anything starts: 127.0.0.1
 * (the default; plain HTTP, the per-launch token protects it), or a LAN address — then over HTTPS
 * only, with the administrator's certificate, and a start without one is refused with one line.
 */
import { ja } from '../../preload/i18n/ja';
import { isLoopbackHost } from '../bridge/admin-hosts';
import type { HeadlessOptions } from '../cli';
import type { TlsOptions } from '../services/portal-tls';
import type { Logger } from '../services/support/logger';
import { StartupRefusal } from '../startup-failure';
import { loadAdminCertificate, namesNotCovered, type AdminCertificateFiles } from './admin-tls';

export interface AdminListener { host: string; tls: TlsOptions | null; names: string[] }

export class AdminNeedsCertificateError extends StartupRefusal {}

export function adminListener(o: HeadlessOptions, logger: Logger): AdminListener {
  const host = o['admin-host'];
  const names = o['admin-name'].map((n) => n.toLowerCase().replace(/\.$/, ''));
  const files = certificateFiles(o);
  if (!files) {
    if (!isLoopbackHost(host)) throw new AdminNeedsCertificateError(ja.server.adminNeedsHttps(host));
    return { host, tls: null, names };
  }
  const tls = loadAdminCertificate(files);
  // a name the certificate does not cover works nowhere: the browser refuses it; say so at start
  const wanted = [...names, ...(host === '0.0.0.0' || host === '::' ? [] : [host])];
  const uncovered = namesNotCovered(tls, wanted);
  if (uncovered.length > 0) logger.warn('the admin certificate does not cover these names', { names: uncovered });
  return { host, tls, names };
}

function certificateFiles(o: HeadlessOptions): AdminCertificateFiles | null {
  if (o['admin-cert'] && o['admin-key']) return { kind: 'pem', certFile: o['admin-cert'], keyFile: o['admin-key'] };
  if (o['admin-pfx']) return { kind: 'pfx', pfxFile: o['admin-pfx'], passphraseFile: o['admin-pfx-passphrase-file'] ?? null };
  return null;
}
