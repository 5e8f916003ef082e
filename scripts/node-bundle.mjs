// What the Node bundles (the desktop shell's main process and the built server) share: which
// imports stay external, and the check that every external import is something that ships.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

/** The production dependencies of package.json: shipped in node_modules, never bundled (native ones cannot be). */
export function runtimeDependencies(root) {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return Object.keys(pkg.dependencies ?? {});
}

/** esbuild's `external` for those dependencies (and their subpaths) plus `extra`. */
export function externalsFor(root, extra = []) {
  return [...extra, ...runtimeDependencies(root).flatMap((d) => [d, `${d}/*`])];
}

/** Bundled CommonJS code may call require(); ESM has none, so give it one. */
export const requireBanner = "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);";

/**
 * An import left external must be shipped: a Node built-in, a production dependency or one of
 * `allowed`. Returns the offending import paths (empty: all good).
 */
export function unshippedImports(root, metafile, allowed = []) {
  const deps = runtimeDependencies(root);
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  const unshipped = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const imp of output.imports) {
      if (!imp.external || builtins.has(imp.path) || allowed.includes(imp.path)) continue;
      if (!deps.includes(packageOf(imp.path))) unshipped.add(imp.path);
    }
  }
  return [...unshipped];
}

/**
 * esbuild's options for a Node bundle of ours (ESM, production dependencies left external): the
 * built server, the desktop shell's main process, and the bench's portal, which measures the LAN
 * pages built exactly as they ship.
 */
export function nodeBundleOptions(root, { entryPoints, outdir, target, external = [] }) {
  return {
    absWorkingDir: root,
    entryPoints,
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target,
    jsx: 'automatic',
    tsconfig: 'tsconfig.node.json',
    external: externalsFor(root, external),
    banner: { js: requireBanner },
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  };
}
