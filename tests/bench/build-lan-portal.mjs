// Bundles the LAN bench's portal (lan-portal-child.ts) as the server is bundled (the same esbuild
// options, scripts/node-bundle.mjs): the bench measures the LAN pages as an office runs them, not as
// tsx transpiles them. Into dist-bench/, one folder below the root as dist-server/ is, so that the app
// finds resources/ the same way; the WAL checkpoint worker goes beside it, as it does in dist-server/.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { nodeBundleOptions } from '../../scripts/node-bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
rmSync(path.join(root, 'dist-bench'), { recursive: true, force: true });
await esbuild.build(nodeBundleOptions(root, {
  entryPoints: { 'lan-portal': 'tests/bench/lan-portal-child.ts', 'wal-checkpoint-worker': 'db/wal-checkpoint-worker.mjs' },
  outdir: 'dist-bench',
  target: 'node20',
  external: ['electron'],
}));
