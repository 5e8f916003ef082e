/**
 * Random strings for what a bulk job makes per mail (a link's token, a Message-ID) and what a LAN page
 * makes per request (a form token, a punch's request id), drawn from the system's CSPRNG a few
 * kilobytes at a time. Asking for 32 and then 16 bytes separately cost each mail ~7–20 µs, on the
 * thread that does the job's bookkeeping: at 1,000 mails a second that is 1–2 % of the machine, where
 * the job must keep up with raw nodemailer; randomBytes(32) alone is ~8 µs here, 0.3 µs from the pool,
 * and the login page is asked thousands of times a second by a crowd (or a flood). Node keeps a cache for randomUUID()
 * for the same reason. Each byte is handed out once, and only as a string, so no caller can hold a
 * view of the pool while it is refilled.
 */
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafeSlow(POOL_BYTES);
let used = POOL_BYTES;

function take(bytes: number): Buffer {
  if (bytes > POOL_BYTES) throw new Error(`random-pool: at most ${POOL_BYTES} bytes at once`);
  if (used + bytes > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const view = pool.subarray(used, used + bytes);
  used += bytes;
  return view;
}

/** `bytes` random bytes, base64url (a 32-byte link token: 43 characters). */
export const randomBase64url = (bytes: number): string => take(bytes).toString('base64url');

/** `bytes` random bytes, hexadecimal. */
export const randomHex = (bytes: number): string => take(bytes).toString('hex');
