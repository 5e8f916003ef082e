/** Worker-thread entry: the CSV upload's preview, off the main thread, and its rows until the import (csv-planner.ts). */
import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { giveWayToTheLan } from '../support/background-priority';
import { answerCalls } from '../support/worker-calls';
import type { PlannerRequest } from './csv-planner';
import { planImport, type PlannedRow } from './plan-import';
import { PreviewShelf } from './preview-shelf';

await giveWayToTheLan(); // before any work: the LAN goes first from the start
const { file } = workerData as { file: string };
/** A preview imports within 30 minutes; the latest 8 are kept. */
const shelf = new PreviewShelf<PlannedRow[]>(8, 30 * 60_000);

answerCalls((r: PlannerRequest) => {
  if (r.type === 'take') return shelf.take(r.previewId, r.now);
  if (r.type === 'putBack') return shelf.putBack(r.previewId, r.shelved);
  // a connection per preview: a restored backup replaces the file, and a preview must read the one in use
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const plan = planImport(db, r.now, r.pattern, r.forced, r.bytes);
    if (plan.planned) shelf.put(r.previewId, plan.planned, r.now);
    return { preview: plan.preview, importable: plan.planned !== null };
  } finally {
    db.close();
  }
});
