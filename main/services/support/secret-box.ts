import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Seals secrets kept at rest (the SMTP password, a PFX passphrase): Electron's safeStorage on
 * the desktop where the OS offers it (main/desktop/safe-storage-box.ts), a key file otherwise.
 */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
  /** a value sealed by another box, to be sealed again with this one at start (reseal-secrets.ts) */
  needsReseal?(sealed: string): boolean;
}

export const KEY_FILE = 'secret.key';

/** The key-file box of a folder that has one, to open what it sealed; null when there is none. */
export function existingKeyFileSecretBox(dataDir: string): SecretBox | null {
  return existsSync(path.join(dataDir, KEY_FILE)) ? keyFileSecretBox(dataDir) : null;
}

/**
 * Headless mode: AES-256-GCM with a key file readable only by the owner, beside the
 * database. A copy of the database alone does not reveal the secret.
 */
export function keyFileSecretBox(dataDir: string): SecretBox {
  const file = path.join(dataDir, KEY_FILE);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  const key = readFileSync(file);
  if (key.length !== 32) throw new Error('secret.key is damaged');
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown sealed format');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}
