import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * A worker thread running `<name>.ts` beside the caller. Bundled (the desktop app), it is
 * `<name>.mjs` beside the bundle (scripts/build-electron.mjs builds it); from sources (tests,
 * tsx) the .ts file is loaded through tsx's loader, registered inside the worker itself.
 */
export function startWorker(callerUrl: string, name: string, workerData?: unknown, resourceLimits?: ResourceLimits): Worker {
  const here = fileURLToPath(callerUrl);
  if (!here.endsWith('.ts')) return new Worker(path.join(path.dirname(here), `${name}.mjs`), { workerData, resourceLimits });
  const source = pathToFileURL(path.join(path.dirname(here), `${name}.ts`)).href;
  return new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`,
    { eval: true, workerData, resourceLimits },
  );
}
