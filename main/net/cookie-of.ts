/**
 * One cookie of a request, read when a handler asks for it: most requests — a static file, a link
 * with an unknown token, a page without a form — never ask, so no parser runs in front of every one.
 */
import type { IncomingMessage } from 'node:http';
import { parse } from 'cookie';

export function cookieOf(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  return header ? parse(header)[name] : undefined;
}
