/**
 * Which URLs the desktop shell treats as its own and which may leave it. Plain functions, no
 * electron: the window factory, the IPC sender check and the app:// handler use them, and
 * tests/unit/desktop-url-policy.test.ts tries them against look-alikes.
 */
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'focusu';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** The one policy for every page and asset; the renderer build has no inline code to allow. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * True for URLs of our own origin only: parsed, not a prefix test, and without user info
 * (`app://evil@focusu/` has our host but is not a URL we ever load).
 */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/** Only http(s) URLs leave the app, to the system browser, and never with user info (`https://bank@evil/`). */
export function isSafeExternalUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === ''
    // `https://@evil/` parses to an empty user name: look at the authority as written too
    && !/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url);
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** The Content-Type of a renderer file (served with nosniff: anything unknown is opaque bytes). */
export function mimeTypeOf(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
