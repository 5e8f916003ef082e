/**
 * vitest's global setup: better-sqlite3 built for this Node before any test opens a database,
 * also when vitest is run directly after `npm start` built it for Electron (the npm scripts run
 * scripts/ensure-native.mjs themselves; this covers `npx vitest run …`).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '../..');
  const r = spawnSync(process.execPath, ['scripts/ensure-native.mjs', 'node'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('better-sqlite3 cannot be loaded in this Node: see the lines of ensure-native above.');
}
