/**
 * scripts/ensure-native.mjs node, which every Node script (test, serve, demo, bench) runs first:
 * silent and in-process when better-sqlite3 loads, and a rebuild when it was built for another
 * ABI (after `npm start` built it for Electron's). The second case runs the real script in a
 * scratch project whose better-sqlite3 fails the way a module of another ABI does, and whose
 * install script (what `npm rebuild` runs) repairs it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../support/headless-process';
import { makeTempDir } from '../support/temp-dir';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const run = (cwd: string) => spawnSync(process.execPath, ['scripts/ensure-native.mjs', 'node'], { cwd, encoding: 'utf8', timeout: 120_000 });

const OTHER_ABI = `const e = new Error("The module '/x/better_sqlite3.node'\\nwas compiled against a different Node.js version using\\nNODE_MODULE_VERSION 140. This version of Node.js requires\\nNODE_MODULE_VERSION ${process.versions.modules}.");
e.code = 'ERR_DLOPEN_FAILED';
throw e;
`;

function scratchProject(installScript: string): string {
  const t = makeTempDir('focusu-native-');
  cleanups.push(t.remove);
  const pkg = path.join(t.dir, 'node_modules', 'better-sqlite3');
  mkdirSync(path.join(t.dir, 'scripts'), { recursive: true });
  mkdirSync(pkg, { recursive: true });
  copyFileSync(path.join(ROOT, 'scripts', 'ensure-native.mjs'), path.join(t.dir, 'scripts', 'ensure-native.mjs'));
  writeFileSync(path.join(t.dir, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', private: true, dependencies: { 'better-sqlite3': '*' } }));
  writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '0.0.0-test', main: 'index.js', scripts: { install: 'node rebuild.js' } }));
  writeFileSync(path.join(pkg, 'index.js'), OTHER_ABI);
  writeFileSync(path.join(pkg, 'rebuild.js'), installScript);
  return t.dir;
}

describe('ensure-native node', () => {
  it('says nothing and succeeds when the module loads in this Node', () => {
    const r = run(ROOT);
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).toBe('');
  });

  it('a module built for another ABI: named, rebuilt for this Node, checked again', () => {
    const dir = scratchProject(`require('fs').writeFileSync(__dirname + '/index.js', "module.exports = class { prepare() { return { get() { return 1; } }; } close() {} };");`);
    const r = run(dir);
    expect(r.stdout).toContain(`better-sqlite3 does not load in Node ${process.version} (ABI ${process.versions.modules}): NODE_MODULE_VERSION 140.`);
    expect(r.stdout).toContain('running: npm rebuild better-sqlite3');
    expect(r.stdout).toContain(`better-sqlite3 rebuilt and loads in Node ${process.version}`);
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(dir, 'node_modules', 'better-sqlite3', 'index.js'), 'utf8')).toContain('module.exports');
  });

  it('a rebuild that does not help: exit code 1 and what to check', () => {
    const dir = scratchProject('// a rebuild that changes nothing');
    const r = run(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('still does not load in Node');
    expect(r.stderr).toContain('Check the compiler toolchain');
  });
});
