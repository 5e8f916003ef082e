/**
 * Small statements the portal hands to a browser and takes back unchanged — "this session's
 * password was checked for these addresses", "this punch was recorded" — sealed with an HMAC
 * under a key that lives only in this process and bound to the session's own secret, so no
 * other page, session or restart can forge or replay them.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export class Signer {
  private readonly key = randomBytes(32);

  sign(sessionSecret: string, ...parts: string[]): string {
    return createHmac('sha256', this.key).update(JSON.stringify([sessionSecret, ...parts])).digest('base64url');
  }

  valid(mac: unknown, sessionSecret: string, ...parts: string[]): boolean {
    if (typeof mac !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(mac)) return false;
    return timingSafeEqual(Buffer.from(mac), Buffer.from(this.sign(sessionSecret, ...parts)));
  }
}
