/**
 * Checkpoints happen in a worker thread of their own (db/wal.ts): the app's connection only has a
 * backstop far out, and the worker copies the WAL back into the database as the app writes. On
 * close the WAL is gone, as before.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertEmployee } from '../../db/queries/employees';
import { composeApp, DATABASE_FILE } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { makeTempDir } from '../support/temp-dir';

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
      // the WAL-index (the -shm file, SQLite's documented format) says how many frames the WAL holds
      // and how many are back in the database file; only the worker checkpoints, and it catches up
      const shm = path.join(tmp.dir, `${DATABASE_FILE}-shm`);
      const walIndex = () => {
        const b = readFileSync(shm);
        return { frames: b.readUInt32LE(16), backfilled: b.readUInt32LE(96) };
      };
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
});
