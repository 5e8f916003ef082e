/**
 * The admin screens are served from `app://focusu/`, never from file://: a real origin for
 * the CSP and the IPC sender check, and no access to the rest of the disk. The scheme itself
 * is registered before the app is ready (main/electron/protocol.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import type { DesktopElectron } from './electron-api';
import { resolveUnderRoot } from './resolve-under-root';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY, mimeTypeOf } from './url-policy';

function respond(status: number, body: Uint8Array<ArrayBuffer> | string | null, contentType: string): Response {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': contentType,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-cache',
    },
  });
}

const plain = 'text/plain; charset=utf-8';

/** Answers one app:// request from the built renderer in `rootDir`. */
export async function answerAppRequest(rootDir: string, request: Request): Promise<Response> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return respond(400, 'Bad Request', plain);
  }
  if (url.host !== APP_HOST || url.username !== '' || url.password !== '') return respond(404, 'Not Found', plain);
  if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'Method Not Allowed', plain);
  const file = resolveUnderRoot(rootDir, url.pathname);
  if (!file) return respond(403, 'Forbidden', plain);
  try {
    if (!(await stat(file)).isFile()) return respond(404, 'Not Found', plain);
    const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(file));
    return respond(200, body, mimeTypeOf(file));
  } catch {
    return respond(404, 'Not Found', plain);
  }
}

/** Serves the built renderer on `app://focusu/`; once the app is ready. */
export function serveRenderer(protocol: DesktopElectron['protocol'], rootDir: string): void {
  protocol.handle(APP_SCHEME, (request) => answerAppRequest(rootDir, request));
}
