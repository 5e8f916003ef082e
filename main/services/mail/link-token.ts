/**
 * A verification link's token, and the key it is stored and found by (the link table's unique
 * token_hash column: only the hash is kept, so the table does not hold working links).
 *
 * The token starts with the time it was made (milliseconds, base 36, fixed width), then 256 random
 * bits, which alone make it unguessable. The key keeps that time in front of the token's SHA-256, so
 * the keys of a bulk job's links are made in order and land on the last page of the index. A key that
 * was the bare hash put each new link on a page of its own: measured, 1.06 of the 3.13 pages a bulk
 * mail wrote to the WAL were that index's (the Message-ID does the same, message-id.ts). The time is
 * no secret: the mail says when it was sent.
 *
 * Links mailed before (43 characters, the key their bare hash) keep working until they expire.
 */
import { hash } from 'node:crypto';
import { randomBase64url } from '../support/random-pool';

/** base-36 digits of the time in ms: nine last until the year 5188 */
const TIME_DIGITS = 9;
const TOKEN = /^(?:[0-9a-z]{9})?[A-Za-z0-9_-]{43}$/;
const LEGACY_LENGTH = 43;

export function newLinkToken(now: number): string {
  return Math.max(0, Math.floor(now)).toString(36).padStart(TIME_DIGITS, '0') + randomBase64url(32);
}

/** The key a token is stored by; null when it cannot be a token of ours (a page's path of any shape). */
export function linkTokenKey(token: string): string | null {
  if (!TOKEN.test(token)) return null;
  const digest = hash('sha256', token, 'hex');
  return token.length === LEGACY_LENGTH ? digest : token.slice(0, TIME_DIGITS) + digest;
}
