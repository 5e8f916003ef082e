import { randomBytes } from 'node:crypto';

/**
 * Lowercase letters and digits without the look-alikes 0 o 1 l i (SPEC §4): in BIZ UD
 * fonts and on a phone screen these are the characters people misread.
 */
export const PASSWORD_LETTERS = 'abcdefghjkmnpqrstuvwxyz';
export const PASSWORD_DIGITS = '23456789';
export const PASSWORD_ALPHABET = PASSWORD_LETTERS + PASSWORD_DIGITS;
export const PASSWORD_LENGTH = 12;

/**
 * Draws each character uniformly from the alphabet with a CSPRNG. Rejection sampling: a
 * byte is used only below the largest multiple of the alphabet's size, so no modulo bias.
 */
export function generatePassword(length = PASSWORD_LENGTH, alphabet = PASSWORD_ALPHABET): string {
  const n = alphabet.length;
  const limit = 256 - (256 % n);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= limit) continue;
      out += alphabet[byte % n];
      if (out.length === length) break;
    }
  }
  return out;
}
