// Worker-thread entry (plain JavaScript: it starts in milliseconds, without a TypeScript loader):
// checkpoints the app's database every moment on a connection of its own — passively, so it never
// waits for, nor holds up, the app's writes. See db/wal.ts for why, main/services/support/wal-checkpointer.ts
// for its keeper.
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

const { file, everyMs } = workerData;
const db = new BetterSqlite3(file, { fileMustExist: true });
db.pragma('busy_timeout = 0'); // never wait for a lock: the next turn tries again
db.pragma('wal_autocheckpoint = 0');

/** `asked`: the answer to the app's 'now' (wal-checkpointer.ts, copyAll) */
function checkpoint(asked = false) {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ left: r ? Math.max(0, r.log - r.checkpointed) : 0, pages: r ? Math.max(0, r.log) : 0, asked });
  } catch (e) {
    // busy, a full disk, a database held by another program: the next turn tries again
    parentPort.postMessage({ error: e instanceof Error ? e.message : String(e), asked });
  }
}
const timer = setInterval(() => checkpoint(), everyMs);

parentPort.on('message', (m) => {
  // asked by the app while it holds its commits (wal-checkpointer.ts, copyAll)
  if (m === 'now') return void checkpoint(true);
  if (m !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
