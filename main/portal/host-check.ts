/**
 * The portal answers only to its own names. DNS rebinding points an attacker's host name at
 * the portal's address, so a page from that name, open in an employee's browser, could read
 * the portal's pages and send its forms: every employee's browser would become another source
 * address on the LAN. A rebinding needs a host name, so any IP literal is fine; names are
 * accepted only when they are this machine's (localhost, its host name with and without its
 * domain) or the host of 社員がアクセスするURL.
 */
import { isIP } from 'node:net';
import os from 'node:os';
import type { RequestHandler } from 'express';
import { ja } from '../../preload/i18n/ja';
import { messagePage } from './pages/simple-pages';

/**
 * This machine's host name, asked of the system at most every few seconds: the names are checked
 * on every request, and each asking is a system call that cost a LAN page about 5 % of its
 * throughput. A renamed machine is known by its new name within HOSTNAME_TTL_MS.
 */
const HOSTNAME_TTL_MS = 5_000;
let hostNameCache = { name: '', until: -Infinity };
function currentHostName(): string {
  const now = performance.now();
  if (now >= hostNameCache.until) hostNameCache = { name: os.hostname(), until: now + HOSTNAME_TTL_MS };
  return hostNameCache.name;
}

/** localhost and this machine's host name, with and without its domain. */
export function machineHostNames(hostname: string = currentHostName()): string[] {
  const full = normalise(hostname);
  return [...new Set(['localhost', full, full.split('.')[0]!].filter((n) => n !== ''))];
}

/** The names the portal answers to, given 社員がアクセスするURL (may be empty). */
export function portalHostNames(baseUrl: string, hostname: string = currentHostName()): string[] {
  const names = machineHostNames(hostname);
  const configured = baseUrl ? hostOfUrl(baseUrl) : null;
  return configured && !names.includes(configured) ? [...names, configured] : names;
}

/**
 * The names, or a way to get them when needed: most requests come by IP address, and then the
 * names (the settings, the host name) are never asked for.
 */
type Names = readonly string[] | (() => readonly string[]);
const namesOf = (names: Names) => (typeof names === 'function' ? names() : names);

/** Whether a Host header names the portal: an IP literal or one of `names`. */
export function hostAllowed(host: string | undefined, names: Names): boolean {
  if (host === undefined || !/^[A-Za-z0-9.:[\]-]{1,260}$/.test(host)) return false;
  const name = hostOfUrl(`http://${host}`);
  return name !== null && (isIpLiteral(name) || namesOf(names).includes(name));
}

/** Whether an Origin header names a page of the portal (by name; the CSRF token guards the rest). */
export function originAllowed(origin: string, names: Names): boolean {
  if (!/^https?:\/\/[A-Za-z0-9.:[\]-]{1,260}$/.test(origin)) return false;
  const name = hostOfUrl(origin);
  return name !== null && (isIpLiteral(name) || namesOf(names).includes(name));
}

/**
 * Whether a form may be sent from where the browser says it comes from. The portal's pages
 * carry Referrer-Policy: no-referrer, under which browsers send `Origin: null` even for the
 * portal's own forms; so a null Origin is taken only when the browser's fetch metadata says
 * the request is same-origin (or when the browser is too old to send that: the CSRF token
 * still guards it). A sandboxed or foreign page's null Origin comes with `cross-site`.
 */
export function formSourceAllowed(origin: string | undefined, fetchSite: string | undefined, names: Names): boolean {
  if (fetchSite === 'cross-site') return false;
  if (origin === undefined) return true;
  if (origin === 'null') return fetchSite === undefined || fetchSite === 'same-origin';
  return originAllowed(origin, names);
}

/** 421 for a foreign Host, 403 for a form posted from a foreign Origin; a short Japanese page, nothing done. */
export function hostGuard(names: () => readonly string[], companyName: () => string): RequestHandler {
  return (req, res, next) => {
    let normalised: string[] | undefined;
    const allowed = () => (normalised ??= names().map(normalise));
    // the company's name stays off this page: it is exactly what a rebinding page would read
    if (!hostAllowed(req.headers.host, allowed)) {
      return void res.status(421).type('html').send(messagePage('', ja.portal.misdirectedTitle, ja.portal.misdirected));
    }
    const site = req.headers['sec-fetch-site'];
    if (req.method !== 'GET' && req.method !== 'HEAD' && !formSourceAllowed(req.headers.origin, typeof site === 'string' ? site : undefined, allowed)) {
      return void res.status(403).type('html').send(messagePage(companyName(), ja.portal.foreignOriginTitle, ja.portal.foreignOrigin));
    }
    next();
  };
}

function hostOfUrl(url: string): string | null {
  try {
    const u = new URL(url);
    return u.hostname === '' ? null : normalise(u.hostname);
  } catch {
    return null;
  }
}

const isIpLiteral = (name: string) => isIP(name.replace(/^\[(.*)\]$/, '$1')) !== 0;

/** lower case, without the trailing dot of a fully qualified name */
const normalise = (name: string) => name.trim().toLowerCase().replace(/\.$/, '');
