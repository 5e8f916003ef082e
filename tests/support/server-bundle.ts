/**
 * The built server as an office installs it: `dist-server/` (npm run build:server), the built
 * screens (`dist/renderer`), `resources/`, `package.json`, and a `node_modules` holding only the
 * production dependencies (what `npm ci --omit=dev` installs, found from package.json as Node
 * resolves them, hard-linked from this checkout's node_modules, copied where links cannot be made). It is
 * started with plain `node`, outside the project, with no node_modules/.bin on the PATH: an import
 * of tsx or of any dev dependency would fail there, as it would on the office's server.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, runHeadlessToExit, startHeadless, type HeadlessProcess, type Launch } from './headless-process';
import { makeTempDir } from './temp-dir';

export const BUNDLE_FILE = path.join('dist-server', 'focus-u-server.mjs');

export interface StagedServer {
  dir: string;
  /** the command line that starts it, with `args` */
  launch(args: string[], env?: NodeJS.ProcessEnv): Launch;
  start(args: string[], env?: NodeJS.ProcessEnv): Promise<HeadlessProcess>;
  runToExit(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }>;
  remove(): void;
}

/** Fails with the command to run when the bundle or the screens have not been built. */
export function requireBuilt(): void {
  const missing = [BUNDLE_FILE, path.join('dist', 'renderer', 'index.html')].filter((f) => !existsSync(path.join(ROOT, f)));
  if (missing.length > 0) {
    throw new Error(`not built: ${missing.join(', ')} — run \`npm run build:renderer && npm run build:server\` first (npm test does)`);
  }
}

/**
 * The production dependencies' folders, as `npm ci --omit=dev` would install them: from
 * package.json's "dependencies", each package's own dependencies (optional and peer ones where
 * installed), found the way Node resolves them — the package's own node_modules, then upwards.
 * Only the top-level folders are returned: a nested node_modules travels inside its parent.
 */
function productionPackages(): string[] {
  const modules = path.join(ROOT, 'node_modules');
  const manifest = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; peerDependencies?: Record<string, string>;
  };
  const resolveFrom = (dir: string, name: string): string | null => {
    for (let d = dir; d.startsWith(ROOT); d = path.dirname(d)) {
      const candidate = path.join(d, 'node_modules', name);
      if (existsSync(path.join(candidate, 'package.json'))) return candidate;
      if (d === ROOT) break;
    }
    return null;
  };
  const found = new Set<string>();
  const visit = (dir: string, names: string[], required: boolean) => {
    for (const name of names) {
      const at = resolveFrom(dir, name);
      if (!at) {
        if (required) throw new Error(`staging: ${name} (needed from ${dir}) is not installed`);
        continue;
      }
      if (found.has(at)) continue;
      found.add(at);
      const m = manifest(at);
      visit(at, Object.keys(m.dependencies ?? {}), true);
      visit(at, [...Object.keys(m.optionalDependencies ?? {}), ...Object.keys(m.peerDependencies ?? {})], false);
    }
  };
  visit(ROOT, Object.keys(manifest(ROOT).dependencies ?? {}), true);
  const top = new Set<string>();
  for (const p of found) {
    const rel = path.relative(modules, p).split(path.sep);
    if (rel[0] === '..' || rel[0] === '') continue; // nested inside another package: copied with it
    top.add(rel[0]!.startsWith('@') ? `${rel[0]}/${rel[1]}` : rel[0]!);
  }
  return [...top].sort();
}

function linkOrCopy(from: string, to: string): void {
  mkdirSync(path.dirname(to), { recursive: true });
  // hard links are instant on one file system; across file systems (a tmpfs /tmp), a copy
  if (spawnSync('cp', ['-al', from, to]).status !== 0) cpSync(from, to, { recursive: true, dereference: true });
}

/** A PATH without any node_modules/.bin: no tsx, no esbuild, nothing a project install puts there. */
export function plainPath(): string {
  return (process.env.PATH ?? '').split(path.delimiter).filter((d) => !d.includes(`node_modules${path.sep}.bin`)).join(path.delimiter);
}

export function stageBuiltServer(): StagedServer {
  requireBuilt();
  const tmp = makeTempDir('focusu-stage-');
  const dir = tmp.dir;
  cpSync(path.join(ROOT, 'dist-server'), path.join(dir, 'dist-server'), { recursive: true });
  cpSync(path.join(ROOT, 'dist', 'renderer'), path.join(dir, 'dist', 'renderer'), { recursive: true });
  cpSync(path.join(ROOT, 'resources'), path.join(dir, 'resources'), { recursive: true });
  cpSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  const realModules = path.join(ROOT, 'node_modules');
  for (const pkg of productionPackages()) linkOrCopy(path.join(realModules, pkg), path.join(dir, 'node_modules', pkg));
  for (const dev of ['tsx', 'esbuild', 'vitest', 'electron']) {
    if (existsSync(path.join(dir, 'node_modules', dev))) throw new Error(`staging: the dev dependency ${dev} landed among the production ones`);
  }
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: plainPath() };
  for (const k of Object.keys(env)) if (k.startsWith('TSX_') || k === 'NODE_OPTIONS') delete env[k];
  const launch = (args: string[], extra: NodeJS.ProcessEnv = {}): Launch => ({
    command: [process.execPath, path.join(dir, BUNDLE_FILE), ...args], cwd: dir, env: { ...env, ...extra },
  });
  return {
    dir,
    launch,
    start: (args, extra = {}) => startHeadless(args, extra, launch(args, extra)),
    runToExit: (args) => runHeadlessToExit(args, launch(args)),
    remove: tmp.remove,
  };
}

/** The version the bundle's package.json carries (what /healthz reports). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
