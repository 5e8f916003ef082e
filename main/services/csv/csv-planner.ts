/**
 * The CSV upload's preview is worked out in a worker thread with a read-only connection of its
 * own: parsing, validating and looking up a file of thousands of rows allocates a great deal, and
 * on the main thread its work and its garbage collection made the LAN pages wait (the portal's
 * p99 4–7× its idle figure during previews, however finely the work was cut into pieces).
 * The rows a commit would write come back as UTF-8 bytes, which cross as one copy: as a string,
 * its structured-clone copy held the main thread about 1.7 ms a preview (1,000 rows).
 */
import type { CsvPattern } from '../../../preload/csv-layouts';
import { startWorker } from '../support/start-worker';
import { workerCalls } from '../support/worker-calls';
import type { CsvEncoding } from './encoding';
import type { ImportPlan } from './plan-import';

export interface PlanRequest { now: number; pattern: CsvPattern; forced: CsvEncoding | 'auto'; bytes: Uint8Array }

export interface CsvPlanner {
  plan(request: PlanRequest): Promise<ImportPlan>;
  close(): Promise<void>;
}

export function createCsvPlanner(databaseFile: string): CsvPlanner {
  const calls = workerCalls<PlanRequest, ImportPlan>(() => startWorker(import.meta.url, 'csv-plan-worker', { file: databaseFile }));
  return { plan: (request) => calls.call(request), close: () => calls.close() };
}
