import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../support/headless-process';

/**
 * The admin screens built from the sources as they are now (dist/renderer, `vite build`): the
 * entries that load them measure the current code, and a fresh clone needs no build step first
 * (as the start-up entry builds the server it measures).
 */
export function buildRenderer(): void {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) throw new Error('bench: the admin screens did not build (vite build)');
}
