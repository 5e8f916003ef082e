/**
 * Where employees can reach the portal. With the defaults (listen on 0.0.0.0, 社員がアクセスするURL
 * blank) the printed URL would be `http://127.0.0.1:PORT/`, which on an employee's PC is that
 * PC. This proposes this machine's LAN addresses instead and tells the screens when the URL
 * about to be printed or mailed is a loopback one. Pure functions of an
 * `os.networkInterfaces()`-shaped list and the host name, so tests inject the network.
 */
import { isIP } from 'node:net';
import type { PortalReach } from '../../preload/contract';
import { urlHost } from './listen';

export interface InterfaceAddress {
  address: string;
  /** 'IPv4' | 'IPv6' (Node 18.0–18.3 said 4 | 6) */
  family: string | number;
  internal: boolean;
}
export type InterfaceList = Record<string, readonly InterfaceAddress[] | undefined>;

export interface NetworkView {
  interfaces: InterfaceList;
  hostname: string;
}


/** Adapters of virtual machines, containers and VPNs: real, but rarely what the office LAN sees. */
const VIRTUAL_ADAPTER = /^(docker|br-|veth|virbr|vmnet|vboxnet|tun|tap|utun|zt|tailscale|wg)|virtualbox|vmware|hyper-v|vethernet|wsl|loopback/i;

const isV4 = (a: InterfaceAddress) => a.family === 'IPv4' || a.family === 4;

function ipv4Octets(address: string): number[] | null {
  if (isIP(address) !== 4) return null;
  return address.split('.').map(Number);
}

function isPrivateV4([a, b]: number[]): boolean {
  return a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168);
}

/** Reachable from another PC at all: not loopback, not link-local (169.254/16, fe80::/10), not unspecified. */
function usable(a: InterfaceAddress): boolean {
  if (a.internal) return false;
  if (isV4(a)) {
    const o = ipv4Octets(a.address);
    return o !== null && o[0] !== 127 && o[0] !== 0 && !(o[0] === 169 && o[1] === 254);
  }
  const v6 = a.address.toLowerCase();
  return isIP(v6) === 6 && v6 !== '::1' && v6 !== '::' && !/^fe[89ab]/.test(v6);
}

/** Non-loopback, non-link-local IPv4 addresses: private ranges first, then others, virtual adapters last; each once. */
export function lanIPv4Addresses(interfaces: InterfaceList): string[] {
  const found: { address: string; rank: number; order: number }[] = [];
  let order = 0;
  for (const [name, addresses] of Object.entries(interfaces)) {
    for (const a of addresses ?? []) {
      if (!isV4(a) || !usable(a) || found.some((f) => f.address === a.address)) continue;
      const rank = VIRTUAL_ADAPTER.test(name) ? 2 : isPrivateV4(ipv4Octets(a.address)!) ? 0 : 1;
      found.push({ address: a.address, rank, order: order++ });
    }
  }
  return found.sort((x, y) => x.rank - y.rank || x.order - y.order).map((f) => f.address);
}

const HOSTNAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

function baseUrl(host: string, port: number, secure: boolean): string {
  const scheme = secure ? 'https' : 'http';
  const defaultPort = secure ? 443 : 80;
  return `${scheme}://${urlHost(host)}${port === defaultPort ? '' : `:${port}`}/`;
}

/** A host (a name or an address, no port) that names the machine it is used on. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.') || h === '0.0.0.0';
  if (isIP(h) === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
    if (mapped) return isLoopbackHost(mapped[1]!);
    // the URL parser writes a mapped address as hex: ::ffff:7f00:1
    if (/^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(h)) return true;
    return h === '::1' || h === '::';
  }
  return false;
}

/** Whether a URL, opened on an employee's device, would name that device itself. */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

const WILDCARD = new Set(['', '0.0.0.0', '::']);

/**
 * The URLs employees could use, given where the portal listens: every LAN IPv4 address and the
 * host name for a wildcard listen address; the address itself for a specific one; nothing when
 * it listens on loopback (then no other PC reaches it, whatever URL is printed).
 */
export function proposePortalUrls(p: NetworkView & { listenHost: string; port: number; secure: boolean }): { urls: string[]; listenLoopback: boolean } {
  const listen = p.listenHost.trim().toLowerCase();
  if (isLoopbackHost(listen) && !WILDCARD.has(listen)) return { urls: [], listenLoopback: true };
  if (!WILDCARD.has(listen)) return { urls: [baseUrl(listen, p.port, p.secure)], listenLoopback: false };
  const urls = lanIPv4Addresses(p.interfaces).map((a) => baseUrl(a, p.port, p.secure));
  const anyLan = Object.values(p.interfaces).some((list) => (list ?? []).some(usable));
  const name = p.hostname.trim().toLowerCase().replace(/\.$/, '');
  if (anyLan && name !== '' && HOSTNAME.test(name) && !isLoopbackHost(name)) urls.push(baseUrl(name, p.port, p.secure));
  return { urls, listenLoopback: false };
}

/** The URL notices and mails carry: 社員がアクセスするURL, else where the portal listens (or would). */
export function printedPortalUrl(
  s: { portalBaseUrl: string; portalHost: string; portalPort: number },
  running: { host: string; port: number; secure?: boolean } | null,
): string {
  if (s.portalBaseUrl) return s.portalBaseUrl.endsWith('/') ? s.portalBaseUrl : `${s.portalBaseUrl}/`;
  const host = urlHost(running?.host ?? s.portalHost);
  return `${running?.secure ? 'https' : 'http'}://${host}:${running?.port ?? s.portalPort}/`;
}

export function portalReach(
  s: { portalBaseUrl: string; portalHost: string; portalPort: number },
  running: { host: string; port: number; secure?: boolean } | null,
  network: NetworkView,
): PortalReach {
  const url = printedPortalUrl(s, running);
  const listenHost = running?.host ?? s.portalHost;
  const proposed = proposePortalUrls({ ...network, listenHost, port: running?.port ?? s.portalPort, secure: running?.secure ?? false });
  return { url, loopback: isLoopbackUrl(url), proposals: s.portalBaseUrl ? [] : proposed.urls, listenHost, listenLoopback: proposed.listenLoopback };
}
