/** Worker-thread entry: the CSV upload's preview, off the main thread (csv-planner.ts). */
import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { answerCalls } from '../support/worker-calls';
import { planImport } from './plan-import';
import type { PlanRequest } from './csv-planner';

const { file } = workerData as { file: string };

answerCalls((r: PlanRequest) => {
  // a connection per preview: a restored backup replaces the file, and a preview must read the one in use
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return planImport(db, r.now, r.pattern, r.forced, r.bytes);
  } finally {
    db.close();
  }
});
