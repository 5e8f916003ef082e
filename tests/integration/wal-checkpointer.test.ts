/**
 * Checkpoints happen in a worker thread of their own (db/wal.ts): the app's connection only has a
 * backstop far out, and the worker copies the WAL back into the database as the app writes. On
 * close the WAL is gone, as before.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database';
import { insertEmployee } from '../../db/queries/employees';
import { checkpointElsewhere } from '../../db/wal';
import { composeApp, DATABASE_FILE } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { TransactionBatcher } from '../../main/services/support/transaction-batcher';
import { startWalCheckpointer } from '../../main/services/support/wal-checkpointer';
import { makeTempDir } from '../support/temp-dir';

/** The WAL-index (the -shm file, SQLite's documented format): frames in the WAL, and how many are back in the database file. */
function walIndexOf(file: string): { frames: number; backfilled: number } {
  const b = readFileSync(`${file}-shm`);
  return { frames: b.readUInt32LE(16), backfilled: b.readUInt32LE(96) };
}

/**
 * A database of its own whose WAL only the worker checkpoints (its bound at `rewindAt` pages), a
 * table `rows` of `columns`, and group commits every 15 ms as a bulk job makes them.
 */
function commitStream(name: string, rewindAt: number, columns: string) {
  const tmp = makeTempDir();
  const file = path.join(tmp.dir, `${name}.sqlite`);
  const db = openDatabase(file);
  checkpointElsewhere(db);
  const checkpointer = startWalCheckpointer(file, silentLogger, rewindAt);
  db.exec(`CREATE TABLE rows (id INTEGER PRIMARY KEY, ${columns})`);
  return {
    file, db, checkpointer, batcher: new TransactionBatcher(db, 15, checkpointer),
    async close() {
      await checkpointer.stop();
      db.close();
      tmp.remove();
    },
  };
}

describe('the WAL checkpointer', () => {
  it('keeps checkpoints off the app\'s connection, backfills the WAL as the app writes, and leaves no WAL after close', async () => {
    const tmp = makeTempDir();
    const app = composeApp({ dataDir: tmp.dir, logger: silentLogger });
    try {
      expect(app.db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
      for (let batch = 0; batch < 5; batch++) {
        app.db.transaction(() => {
          for (let i = 0; i < 1000; i++) {
            insertEmployee(app.db, {
              loginId: `user${batch}-${i}`, code: '', honorific: '', lastName: '佐藤', firstName: String(i), department: '本社',
              email1: null, email2: null, email3: null, recorderEnabled: true,
            }, Date.now());
          }
        })();
      }
      // only the worker checkpoints, and it catches up
      const walIndex = () => walIndexOf(path.join(tmp.dir, DATABASE_FILE));
      expect(walIndex().frames).toBeGreaterThan(0);
      for (let tries = 0; ; tries++) {
        const { frames, backfilled } = walIndex();
        if (frames > 0 && backfilled === frames) break;
        expect(tries).toBeLessThan(200); // the worker checkpoints every 200 ms
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await app.close();
    }
    expect(existsSync(path.join(tmp.dir, `${DATABASE_FILE}-wal`))).toBe(false);
    tmp.remove();
  });

  it('keeps the WAL short under a stream of group commits: the commits wait (the loop free) while the worker copies every page, and the WAL starts over', async () => {
    // A bulk job's shape: workers each waiting for their row's commit, a commit every 15 ms, each
    // commit some tens of pages. Passive checkpoints alone never let such a WAL start over (SQLite
    // rewinds it only when a write begins with every page copied): it grew to the app connection's
    // backstop in every bulk job, and that connection then checkpointed inside a commit.
    const rewindAt = 300;
    const stream = commitStream('stream', rewindAt, 'a BLOB UNIQUE, b BLOB UNIQUE, c BLOB UNIQUE, v BLOB');
    const { file, db, batcher } = stream;
    try {
      const insert = db.prepare('INSERT INTO rows (a, b, c, v) VALUES (?, ?, ?, ?)');
      let longest = 0;
      let written = 0; // pages appended to the WAL, over the whole stream
      let rewinds = 0;
      let before = 0;
      let loopWorst = 0;
      let last = performance.now();
      const watch = setInterval(() => {
        const { frames } = walIndexOf(file);
        if (frames < before) rewinds++;
        written += frames >= before ? frames - before : frames;
        before = frames;
        longest = Math.max(longest, frames);
        loopWorst = Math.max(loopWorst, performance.now() - last);
        last = performance.now();
      }, 2);
      const until = performance.now() + 3_000;
      let commits = 0;
      // each row lands on random pages of unique indexes, as a link's token hash does
      await Promise.all(Array.from({ length: 32 }, async () => {
        while (performance.now() < until) {
          await batcher.run(() => insert.run(randomBytes(32), randomBytes(32), randomBytes(32), randomBytes(1500)));
          commits++;
        }
      }));
      clearInterval(watch);
      expect(commits).toBeGreaterThan(1_000);
      // Without the waits this stream's WAL only grew (9,320 pages in 3 s here, near the backstop). With
      // them it starts over again and again, and holds at most the bound and what the stream writes
      // between two of the worker's reports (200 ms apart): two such spans allowed, at this machine's pace.
      const perSecond = written / 3;
      expect(rewinds).toBeGreaterThanOrEqual(3);
      expect(longest).toBeLessThan(rewindAt + perSecond * 0.4 + 100);
      expect(longest).toBeLessThan(written / 3);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000); // the backstop stays far out
      expect(loopWorst).toBeLessThan(1_000); // waiting for the copy never held the loop (a loose bound: a busy CI machine)
    } finally {
      await stream.close();
    }
  });

  it('never holds the commits once the worker is gone: they go on without waiting', async () => {
    const stream = commitStream('gone', 1, 'v BLOB');
    const { db, checkpointer, batcher } = stream;
    try {
      const insert = db.prepare('INSERT INTO rows (v) VALUES (?)');
      await batcher.run(() => insert.run(randomBytes(5_000)));
      await checkpointer.nextCheckpoint(); // the worker has seen a WAL past its (tiny) bound
      expect(checkpointer.rewindDue()).toBe(true);
      await checkpointer.stop();
      expect(checkpointer.rewindDue()).toBe(false);
      await expect(checkpointer.copyAll()).resolves.toBeUndefined();
      await Promise.all(Array.from({ length: 50 }, () => batcher.run(() => insert.run(randomBytes(5_000)))));
      expect(db.prepare('SELECT count(*) FROM rows').pluck().get()).toBe(51);
    } finally {
      await stream.close(); // the worker is already gone: stopping it again is a no-op
    }
  });
});
