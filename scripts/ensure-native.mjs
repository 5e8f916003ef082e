#!/usr/bin/env node
// Usage: node scripts/ensure-native.mjs <node|electron>
//
// Every script that runs under Node (test, serve, demo, bench) calls it with `node` first, and
// `npm start` with `electron`: after `npm start` the module is built for Electron's ABI, and
// the next `npm test` would otherwise fail with a NODE_MODULE_VERSION error. When the module
// already loads in Node, this costs one in-process load (no child process, no rebuild).
//
// better-sqlite3 is compiled for one runtime at a time (tests run on Node, the desktop app
// on Electron's Node). This loads the module in the runtime about to start and, when it
// does not load, rebuilds it for that runtime and checks again. Exit 0: it loads.
//
// The trap this avoids: an npm config `nodedir=/usr` makes node-gyp compile against
// Node's headers whatever target it is given, so `electron-rebuild` "succeeds" with a
// Node-ABI module. npm (and npx) re-export npm config to children as npm_config_*
// variables, so the Electron rebuild runs @electron/rebuild's CLI directly with
// npm_config_nodedir removed from its environment, and the result is always verified.
//
// electron-builder.yml also loads this file as a hook module: `beforeBuild` removes the same
// variable before electron-builder's in-process @electron/rebuild (npmRebuild: true), and
// `afterPack` refuses a package whose better-sqlite3 binary was built for another ABI.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requireFromRoot = createRequire(path.join(root, 'package.json'));
const MODULE = 'better-sqlite3';
// Opening a database is what loads the compiled binary (require alone does not).
const PROBE = `const D = require(${JSON.stringify(MODULE)}); const db = new D(':memory:'); db.prepare('select 1').get(); db.close(); process.stdout.write(process.versions.modules);`;

const say = (line) => process.stdout.write(`ensure-native: ${line}\n`);
function fail(lines) {
  for (const l of [].concat(lines)) console.error(`ensure-native: ${l}`);
  process.exit(1);
}

/** Runs the probe; returns null when the module loads, else the first lines of the error. */
function probe(runtime) {
  const r = spawnSync(runtime.command, ['-e', PROBE], { cwd: root, env: runtime.env, encoding: 'utf8', timeout: 60_000 });
  if (r.error) return `cannot run ${runtime.command}: ${r.error.message}`;
  if (r.status === 0) return null;
  const text = `${r.stderr ?? ''}${r.stdout ?? ''}`.trim();
  const reason = text.split('\n').find((l) => /NODE_MODULE_VERSION|ERR_DLOPEN_FAILED|Could not locate|invalid ELF|not a valid Win32/i.test(l));
  return (reason ?? text.split('\n').slice(0, 3).join(' | ')) || `exit code ${r.status}`;
}

function run(command, args, env) {
  say(`running: ${[command, ...args].join(' ')}`);
  const r = spawnSync(command, args, { cwd: root, env, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.error) return r.error.message;
  return r.status === 0 ? null : `exit code ${r.status}`;
}

const NODEDIR_VARIABLE = /^npm_config_(nodedir|node_dir)$/i;

/** The environment without npm config that would point node-gyp at Node's headers. */
function envWithoutNodedir() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (NODEDIR_VARIABLE.test(key)) delete env[key];
  return env;
}

/** The ABI a compiled (non-N-API) addon was built for, read from its init symbol. */
function addonAbi(file) {
  const match = /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'));
  return match ? match[1] : null;
}

function moduleBinary(dir) {
  return path.join(dir, 'build', 'Release', 'better_sqlite3.node');
}

function electronPackage() {
  try {
    const dir = path.dirname(requireFromRoot.resolve('electron/package.json'));
    const version = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
    const abiFile = path.join(dir, 'abi_version');
    return { dir, version, abi: existsSync(abiFile) ? readFileSync(abiFile, 'utf8').trim() : null };
  } catch {
    return null;
  }
}

function nodeRuntime() {
  return { name: `Node ${process.version} (ABI ${process.versions.modules})`, command: process.execPath, env: process.env };
}

/** The dev Electron binary, found without triggering electron's download-on-require. */
function electronRuntime() {
  const pkg = electronPackage();
  if (!pkg) fail('the electron package is not installed (npm install).');
  const { dir: pkgDir, version } = pkg;
  const abi = pkg.abi ?? '?';
  const pathFile = path.join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkgDir, 'dist');
  const binary = relative ? path.join(distDir, relative) : null;
  if (!binary || !existsSync(binary)) {
    let built = null;
    try {
      built = addonAbi(moduleBinary(path.dirname(requireFromRoot.resolve(`${MODULE}/package.json`))));
    } catch {
      // not built at all
    }
    fail([
      `the Electron ${version} binary is missing (${binary ?? path.join(pkgDir, 'path.txt') + ' not found'}).`,
      `${MODULE} cannot be checked or rebuilt for Electron without it (it is built for ABI ${built ?? 'none'}; Electron ${version} needs ABI ${abi}).`,
      'Download it where the network allows: npx install-electron --no',
    ]);
  }
  return {
    name: `Electron ${version} (ABI ${abi})`,
    version,
    command: binary,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  };
}

function rebuildForNode() {
  return run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['rebuild', MODULE], process.env);
}

function rebuildForElectron(version) {
  const args = ['-f', '-o', MODULE, '-v', version, '-m', root];
  let cli;
  try {
    const pkgFile = requireFromRoot.resolve('@electron/rebuild/package.json');
    const bin = JSON.parse(readFileSync(pkgFile, 'utf8')).bin;
    cli = path.join(path.dirname(pkgFile), typeof bin === 'string' ? bin : bin['electron-rebuild']);
  } catch {
    fail([
      '@electron/rebuild is not installed. Install it without touching package.json, then run this again:',
      '  npm install --no-save @electron/rebuild',
      `  (the rebuild it runs: electron-rebuild ${args.join(' ')}, with npm_config_nodedir unset)`,
    ]);
  }
  return run(process.execPath, [cli, ...args], envWithoutNodedir());
}

/**
 * The quick path for Node: this script runs on the very Node about to start, so loading the
 * module here answers the question without a child process. Returns null when it loads.
 */
export function loadsHere() {
  try {
    const Database = requireFromRoot(MODULE);
    const db = new Database(':memory:');
    db.prepare('select 1').get();
    db.close();
    return null;
  } catch (e) {
    return String(e?.message ?? e).split('\n')[0];
  }
}

function main(target) {
  if (target !== 'node' && target !== 'electron') {
    console.error('usage: node scripts/ensure-native.mjs <node|electron>');
    process.exit(2);
  }
  // quiet when all is well: this runs before every test, serve, demo and bench
  if (target === 'node' && loadsHere() === null) return;
  const runtime = target === 'node' ? nodeRuntime() : electronRuntime();
  const before = probe(runtime);
  if (before === null) {
    say(`${MODULE} loads in ${runtime.name}.`);
    return;
  }
  say(`${MODULE} does not load in ${runtime.name}: ${before}`);
  say(`rebuilding ${MODULE} for ${runtime.name} …`);
  const buildError = target === 'node' ? rebuildForNode() : rebuildForElectron(runtime.version);
  if (buildError) fail(`the rebuild failed (${buildError}).`);
  const after = probe(runtime);
  if (after !== null) {
    fail([
      `${MODULE} still does not load in ${runtime.name} after the rebuild: ${after}`,
      target === 'electron'
        ? "If it was built for Node's ABI, something still sets nodedir (check `npm config get nodedir` and the environment)."
        : 'Check the compiler toolchain (python3, make, g++) and the Node headers.',
    ]);
  }
  say(`${MODULE} rebuilt and loads in ${runtime.name}.`);
}

// ---- electron-builder hooks (electron-builder.yml: beforeBuild, afterPack) ----------------

/** Before electron-builder rebuilds native modules in-process: no nodedir for node-gyp. */
export async function beforeBuild() {
  for (const key of Object.keys(process.env)) if (NODEDIR_VARIABLE.test(key)) delete process.env[key];
  return true; // electron-builder goes on with its own rebuild (npmRebuild: true)
}

/** After packing: the packaged better-sqlite3 must carry Electron's ABI, or the build fails. */
export async function afterPack(context) {
  const pkg = electronPackage();
  if (!pkg?.abi) throw new Error('ensure-native afterPack: cannot read the electron package ABI (node_modules/electron/abi_version).');
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'better_sqlite3.node') found.push(full);
    }
  };
  walk(context.appOutDir);
  if (found.length === 0) throw new Error(`ensure-native afterPack: no better_sqlite3.node under ${context.appOutDir} (is it in asarUnpack?)`);
  for (const file of found) {
    const abi = addonAbi(file);
    if (abi !== pkg.abi) {
      throw new Error(`ensure-native afterPack: ${file} is built for ABI ${abi ?? 'unknown'}, Electron ${pkg.version} needs ${pkg.abi} (the nodedir trap?)`);
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv[2]);
