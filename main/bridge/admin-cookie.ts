/**
 * The administrator's session cookie. Cookies ignore ports, so every other service on the same
 * host receives it: the name carries this server's port so that theirs never collide with it.
 * Over HTTPS (the admin screens on the LAN) it is `__Host-` prefixed — the browser then keeps it
 * only with Secure, Path=/ and no Domain, so no other host, subdomain or plain-HTTP page can set
 * or shadow it — and Secure, so it never travels unencrypted. Always HttpOnly and SameSite=Strict.
 */
import type { CookieOptions } from 'express';

export interface AdminCookie { name: string; options: CookieOptions }

export function adminCookie(port: number, secure: boolean): AdminCookie {
  return secure
    ? { name: `__Host-focusu_admin_${port}`, options: { httpOnly: true, sameSite: 'strict', secure: true, path: '/' } }
    : { name: `focusu_admin_${port}`, options: { httpOnly: true, sameSite: 'strict', path: '/' } };
}
