/**
 * CSRF protection for the LAN pages. Before login (the login form, the verification
 * button) a double-submit token: an HttpOnly SameSite=Strict cookie and the same value in
 * the form. After login, the session's own token. Both compared in constant time.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { cookieOf } from '../net/cookie-of';
import { randomBase64url } from '../services/support/random-pool';

export const CSRF_COOKIE = 'fu_csrf';

export function issueFormToken(req: Request, res: Response, secure: boolean): string {
  const existing = cookieOf(req, CSRF_COOKIE);
  const token = existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomBase64url(32);
  res.cookie(CSRF_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
  return token;
}

export function formTokenValid(req: Request, expected?: string): boolean {
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf;
  const reference = expected ?? cookieOf(req, CSRF_COOKIE);
  if (typeof sent !== 'string' || typeof reference !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(reference);
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}
