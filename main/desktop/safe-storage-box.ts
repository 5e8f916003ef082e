/**
 * The desktop's secret box: Electron's safeStorage (DPAPI on Windows, the Keychain on macOS,
 * the Secret Service or KWallet on Linux), so that a copy of the data folder does not open
 * the SMTP password. Values the key file sealed (headless mode, earlier versions) still open
 * and are sealed again at start (reseal-secrets.ts). Where the OS offers no store — Linux
 * without a keyring, whose fallback is a fixed key — the key file stays in use.
 *
 * encryptString/decryptString are deprecated in Electron 45 in favour of the async forms; the
 * SecretBox is synchronous (the SMTP and TLS services open their secrets inline), so the sync
 * forms are used until it becomes async.
 */
import { keyFileSecretBox, existingKeyFileSecretBox, type SecretBox } from '../services/support/secret-box';
import type { SafeStorageApi } from './electron-api';

const PREFIX = 'ss1.';

export function safeStorageUsable(safeStorage: SafeStorageApi, platform: NodeJS.Platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return platform !== 'linux' || !['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend());
}

export function safeStorageSecretBox(safeStorage: SafeStorageApi, legacy: () => SecretBox | null): SecretBox {
  let legacyBox: SecretBox | null | undefined;
  return {
    seal: (plain) => PREFIX + safeStorage.encryptString(plain).toString('base64'),
    open(sealed) {
      if (sealed.startsWith(PREFIX)) return safeStorage.decryptString(Buffer.from(sealed.slice(PREFIX.length), 'base64'));
      legacyBox ??= legacy();
      if (!legacyBox) throw new Error('sealed with a key file that is gone');
      return legacyBox.open(sealed);
    },
    needsReseal: (sealed) => sealed !== '' && !sealed.startsWith(PREFIX),
  };
}

/**
 * The box the desktop seals with: safeStorage where usable, the key file otherwise (as headless
 * mode). Nothing is read or written before the first use: composeApp creates the data folder
 * and takes its lock first.
 */
export function desktopSecretBox(safeStorage: SafeStorageApi, platform: NodeJS.Platform, dataDir: string): SecretBox {
  if (safeStorageUsable(safeStorage, platform)) return safeStorageSecretBox(safeStorage, () => existingKeyFileSecretBox(dataDir));
  let box: SecretBox | null = null;
  const keyFile = () => (box ??= keyFileSecretBox(dataDir));
  return { seal: (plain) => keyFile().seal(plain), open: (sealed) => keyFile().open(sealed) };
}
