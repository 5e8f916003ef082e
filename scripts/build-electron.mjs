#!/usr/bin/env node
// Bundles the desktop shell:
//   main/entry-electron.ts → dist-electron/entry-electron.mjs (ESM, Node 22 inside Electron)
//   main/services/pdf/pdf-worker.ts, main/services/mail/mail-worker.ts, main/services/csv/csv-plan-worker.ts,
//   main/services/support/hash-worker.ts, db/wal-checkpoint-worker.mjs → dist-electron/*.mjs
//                                      (worker threads, found beside the bundle by start-worker.ts)
//   preload/index.ts       → dist-electron/preload.cjs        (one CommonJS file: a sandboxed
//                                                              preload can require only 'electron')
// main/paths.ts finds the app root from import.meta.url one folder up, which
// dist-electron/ satisfies both in the project and inside app.asar.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { nodeBundleOptions, unshippedImports } from './node-bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist-electron');

rmSync(outDir, { recursive: true, force: true });

const main = await esbuild.build(nodeBundleOptions(root, {
  entryPoints: {
    'entry-electron': 'main/entry-electron.ts',
    'pdf-worker': 'main/services/pdf/pdf-worker.ts',
    'mail-worker': 'main/services/mail/mail-worker.ts',
    'csv-plan-worker': 'main/services/csv/csv-plan-worker.ts',
    'hash-worker': 'main/services/support/hash-worker.ts',
    'wal-checkpoint-worker': 'db/wal-checkpoint-worker.mjs',
  },
  outdir: 'dist-electron',
  target: 'node22',
  // Production dependencies ship in node_modules (native ones cannot be bundled at all); everything
  // else, devDependencies included, is bundled so the package never misses it. And electron, of course.
  external: ['electron'],
}));

// An import left external must be shipped: electron, a Node built-in or a production dependency.
const unshipped = unshippedImports(root, main.metafile, ['electron']);
if (unshipped.length > 0) {
  console.error(`build-electron: external imports not in "dependencies": ${unshipped.join(', ')}`);
  process.exit(1);
}

await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['preload/index.ts'],
  outfile: 'dist-electron/preload.cjs',
  bundle: true,
  // The sandboxed preload has no Node: resolving for the browser makes a stray
  // node: import a build error instead of a runtime failure.
  platform: 'browser',
  format: 'cjs',
  target: 'es2023',
  tsconfig: 'tsconfig.node.json',
  external: ['electron'],
  // Most of it is zod, pulled in by the contract for METHOD_NAMES; minified it parses faster.
  minify: true,
  logLevel: 'warning',
});

for (const f of ['entry-electron.mjs', 'pdf-worker.mjs', 'mail-worker.mjs', 'csv-plan-worker.mjs', 'hash-worker.mjs', 'wal-checkpoint-worker.mjs', 'preload.cjs']) process.stdout.write(`built dist-electron/${f}\n`);
