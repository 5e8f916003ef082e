import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * Playwright's own Chromium where it is installed, else the system's; otherwise a clear
 * instruction — the e2e suite never skips silently.
 */
export function findChromium(): string | undefined {
  const own = (() => {
    try {
      return chromium.executablePath();
    } catch {
      return undefined;
    }
  })();
  if (own && existsSync(own)) return undefined; // Playwright finds its own
  const system = SYSTEM_CHROMIUM.find((p) => existsSync(p));
  if (system) return system;
  throw new Error(
    'No Chromium for the e2e tests. Install one with `sudo apt-get install -y chromium fonts-noto-cjk` ' +
      '(Debian/Ubuntu) or `npx playwright install chromium` where downloads are allowed.',
  );
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
];
