/**
 * The CSV upload's preview is worked out in a worker thread with a read-only connection of its
 * own: parsing, validating and looking up a file of thousands of rows allocates a great deal, and
 * on the main thread its work and its garbage collection made the LAN pages wait (the portal's
 * p99 4–7× its idle figure during previews, however finely the work was cut into pieces).
 * The rows an import would write stay in the worker until its 「取り込み」 takes them: sent to the
 * main thread with every preview (300 KB for 1,000 rows), they had it collect garbage that size
 * a preview, in pauses the LAN's requests waited for.
 */
import type { CsvPattern } from '../../../preload/csv-layouts';
import { startWorker } from '../support/start-worker';
import { workerCalls } from '../support/worker-calls';
import type { CsvEncoding } from './encoding';
import type { ImportPlan, PlannedRow } from './plan-import';
import type { Shelved } from './preview-shelf';

export interface PlanRequest { now: number; pattern: CsvPattern; forced: CsvEncoding | 'auto'; bytes: Uint8Array }

/** What crosses to the worker: a file to plan (its rows kept under previewId), or a preview's rows to hand over or take back. */
export type PlannerRequest =
  | ({ type: 'plan'; previewId: string } & PlanRequest)
  | { type: 'take'; previewId: string; now: number }
  | { type: 'putBack'; previewId: string; shelved: Shelved<PlannedRow[]> };

/** The preview, and whether its rows were kept for an import (not while any row has an error). */
export interface PlanReply { preview: ImportPlan['preview']; importable: boolean }

export interface CsvPlanner {
  plan(previewId: string, request: PlanRequest): Promise<PlanReply>;
  /** The rows of a preview, handed over once; null when it was never importable, let go, or expired. */
  take(previewId: string, now: number): Promise<Shelved<PlannedRow[]> | null>;
  /** Rows taken for an import the storage refused, kept again so that the same preview imports later. */
  putBack(previewId: string, shelved: Shelved<PlannedRow[]>): Promise<void>;
  close(): Promise<void>;
}

export function createCsvPlanner(databaseFile: string): CsvPlanner {
  const calls = workerCalls<PlannerRequest, unknown>(() => startWorker(import.meta.url, 'csv-plan-worker', { file: databaseFile }));
  return {
    plan: (previewId, request) => calls.call({ type: 'plan', previewId, ...request }) as Promise<PlanReply>,
    take: (previewId, now) => calls.call({ type: 'take', previewId, now }) as Promise<Shelved<PlannedRow[]> | null>,
    putBack: async (previewId, shelved) => {
      await calls.call({ type: 'putBack', previewId, shelved });
    },
    close: () => calls.close(),
  };
}
