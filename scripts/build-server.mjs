#!/usr/bin/env node
// Bundles the headless server, the service an office runs all day:
//   main/entry-headless.ts → dist-server/focus-u-server.mjs (ESM, plain Node ≥ 20.19)
//   main/services/pdf/pdf-worker.ts, main/services/mail/mail-worker.ts, main/services/csv/csv-plan-worker.ts,
//   main/services/support/hash-worker.ts, db/wal-checkpoint-worker.mjs → dist-server/*.mjs
//                                      (worker threads, found beside the bundle by start-worker.ts)
// The production dependencies stay external (better-sqlite3 is native; the rest ship in
// node_modules as they are): `node dist-server/focus-u-server.mjs …` needs `npm ci --omit=dev`,
// the built screens (dist/renderer) and resources/ — no tsx, no dev dependency.
// main/paths.ts finds the app root one folder up from the bundle, as it does for dist-electron/.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { nodeBundleOptions, unshippedImports } from './node-bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist-server');

rmSync(outDir, { recursive: true, force: true });

const result = await esbuild.build(nodeBundleOptions(root, {
  entryPoints: {
    'focus-u-server': 'main/entry-headless.ts',
    'pdf-worker': 'main/services/pdf/pdf-worker.ts',
    'mail-worker': 'main/services/mail/mail-worker.ts',
    'csv-plan-worker': 'main/services/csv/csv-plan-worker.ts',
    'hash-worker': 'main/services/support/hash-worker.ts',
    'wal-checkpoint-worker': 'db/wal-checkpoint-worker.mjs',
  },
  outdir: 'dist-server',
  target: 'node20',
  // electron is external only so that an import of it shows up below as an error, not bundled
  external: ['electron'],
}));

// The server never loads electron, and every import left external must ship with it.
const unshipped = unshippedImports(root, result.metafile);
if (unshipped.length > 0) {
  console.error(`build-server: external imports not in "dependencies": ${unshipped.join(', ')}`);
  process.exit(1);
}

for (const f of ['focus-u-server.mjs', 'pdf-worker.mjs', 'mail-worker.mjs', 'csv-plan-worker.mjs', 'hash-worker.mjs', 'wal-checkpoint-worker.mjs']) process.stdout.write(`built dist-server/${f}\n`);
