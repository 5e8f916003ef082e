/**
 * Which Host and Origin the admin screens answer to. On 127.0.0.1 (the default) exactly
 * `127.0.0.1:PORT` and `localhost:PORT`, as before. On a LAN address (over HTTPS only): any IP
 * literal with this port — a DNS rebinding needs a host name, so an address typed as such is
 * safe — and the names the administrators were given (`--admin-name`), nothing else; a page
 * of any other name, even one resolving to this server, can neither read nor call anything.
 * The port must be this server's (a browser leaves out 443 for https, which counts as 443).
 */
import { isIP } from 'node:net';

export interface AdminHostPolicy {
  /** whether a Host header names this server */
  allowsHost(host: string | undefined): boolean;
  /** whether an Origin header is a page of this server */
  allowsOrigin(origin: string): boolean;
}

export interface AdminHostOptions {
  listenHost: string;
  port: number;
  secure: boolean;
  /** host names the administrators use (lower-cased here) */
  names: readonly string[];
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1');
  return h === '::1' || (isIP(h) === 4 && h.startsWith('127.'));
}

export function adminHostPolicy(o: AdminHostOptions): AdminHostPolicy {
  const scheme = o.secure ? 'https' : 'http';
  const defaultPort = o.secure ? 443 : 80;
  const names = new Set(o.names.map(normalise));
  const loopback = isLoopbackHost(o.listenHost);
  const nameAllowed = (name: string): boolean => {
    if (loopback) return name === 'localhost' || name === normalise(o.listenHost) || name === '127.0.0.1' || names.has(name);
    return isIP(name.replace(/^\[(.*)\]$/, '$1')) !== 0 || names.has(name);
  };
  const parse = (url: string): { name: string; port: number } | null => {
    try {
      const u = new URL(url);
      if (u.hostname === '' || u.username || u.password || (u.pathname !== '/' && u.pathname !== '')) return null;
      return { name: normalise(u.hostname), port: u.port === '' ? defaultPort : Number(u.port) };
    } catch {
      return null;
    }
  };
  return {
    allowsHost(host) {
      if (host === undefined || !/^[A-Za-z0-9.:[\]-]{1,260}$/.test(host)) return false;
      const p = parse(`${scheme}://${host}`);
      return p !== null && p.port === o.port && nameAllowed(p.name);
    },
    allowsOrigin(origin) {
      if (!/^https?:\/\/[A-Za-z0-9.:[\]-]{1,260}$/.test(origin) || !origin.startsWith(`${scheme}://`)) return false;
      const p = parse(origin);
      return p !== null && p.port === o.port && nameAllowed(p.name);
    },
  };
}

/** lower case, without the trailing dot of a fully qualified name */
const normalise = (name: string) => name.trim().toLowerCase().replace(/\.$/, '');
