#!/usr/bin/env node
// Bundles the desktop shell:
//   main/entry-electron.ts → dist-electron/entry-electron.mjs (ESM, Node 22 inside Electron)
//   main/services/pdf/pdf-worker.ts, main/services/mail/mail-worker.ts, db/wal-checkpoint-worker.mjs → dist-electron/*.mjs
//                                      (worker threads, found beside the bundle by start-worker.ts)
//   preload/index.ts       → dist-electron/preload.cjs        (one CommonJS file: a sandboxed
//                                                              preload can require only 'electron')
// main/paths.ts finds the app root from import.meta.url one folder up, which
// dist-electron/ satisfies both in the project and inside app.asar.
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist-electron');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const runtimeDeps = Object.keys(pkg.dependencies ?? {});

// Production dependencies ship in node_modules (native ones cannot be bundled at all);
// everything else, devDependencies included, is bundled so the package never misses it.
const mainExternals = ['electron', ...runtimeDeps.flatMap((d) => [d, `${d}/*`])];

rmSync(outDir, { recursive: true, force: true });

const main = await esbuild.build({
  absWorkingDir: root,
  entryPoints: {
    'entry-electron': 'main/entry-electron.ts',
    'pdf-worker': 'main/services/pdf/pdf-worker.ts',
    'mail-worker': 'main/services/mail/mail-worker.ts',
    'wal-checkpoint-worker': 'db/wal-checkpoint-worker.mjs',
  },
  outdir: 'dist-electron',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  jsx: 'automatic',
  tsconfig: 'tsconfig.node.json',
  external: mainExternals,
  // Bundled CommonJS code may call require(); ESM has none, so give it one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
});

// An import left external must be shipped: electron, a Node built-in or a production dependency.
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
const unshipped = new Set();
for (const output of Object.values(main.metafile.outputs)) {
  for (const imp of output.imports) {
    if (!imp.external || builtins.has(imp.path) || imp.path === 'electron') continue;
    if (!runtimeDeps.includes(packageOf(imp.path))) unshipped.add(imp.path);
  }
}
if (unshipped.size > 0) {
  console.error(`build-electron: external imports not in "dependencies": ${[...unshipped].join(', ')}`);
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

for (const f of ['entry-electron.mjs', 'pdf-worker.mjs', 'mail-worker.mjs', 'wal-checkpoint-worker.mjs', 'preload.cjs']) process.stdout.write(`built dist-electron/${f}\n`);
