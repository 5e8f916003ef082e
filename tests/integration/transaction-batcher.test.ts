import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { TransactionBatcher } from '../../main/services/support/transaction-batcher';
import { makeTempDir } from '../support/temp-dir';

const cleanups: (() => unknown)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

/** One SQLite file in WAL mode, the batcher's connection and a second one that sees only commits. */
function setUp() {
  const tmp = makeTempDir();
  cleanups.push(tmp.remove);
  const file = path.join(tmp.dir, 'batch.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (name TEXT PRIMARY KEY)');
  const other = new Database(file);
  cleanups.push(() => db.close(), () => other.close());
  const insert = (name: string) => () => db.prepare('INSERT INTO t (name) VALUES (?)').run(name).lastInsertRowid;
  const committed = () => (other.prepare('SELECT name FROM t ORDER BY name').all() as { name: string }[]).map((r) => r.name);
  return { db, other, insert, committed };
}

describe('TransactionBatcher (group commit)', () => {
  it('commits what arrives together and gives each caller its own result', async () => {
    const { db, insert, committed } = setUp();
    const batcher = new TransactionBatcher(db);
    const results = await Promise.all(['a', 'b', 'c'].map((n) => batcher.run(insert(n))));
    expect(results).toEqual([1n, 2n, 3n].map(Number));
    expect(committed()).toEqual(['a', 'b', 'c']);
  });

  it('fails only the item that throws, with none of its writes, and commits the others', async () => {
    const { db, insert, committed } = setUp();
    const batcher = new TransactionBatcher(db);
    const failing = batcher.run(() => {
      insert('half-done')();
      throw new Error('refused');
    });
    const first = batcher.run(insert('a'));
    const second = batcher.run(insert('a')); // the primary key refuses the second 'a'
    const last = batcher.run(insert('z'));
    await expect(failing).rejects.toThrow('refused');
    await expect(first).resolves.toBeDefined();
    await expect(second).rejects.toThrow(/UNIQUE/);
    await expect(last).resolves.toBeDefined();
    expect(committed()).toEqual(['a', 'z']);
  });

  it('rejects every item when the database cannot be written at all, and stays usable', async () => {
    const { db, other, insert, committed } = setUp();
    db.pragma('busy_timeout = 0');
    const batcher = new TransactionBatcher(db);
    other.prepare('BEGIN IMMEDIATE').run(); // another process holds the write lock
    const runs = ['a', 'b'].map((n) => batcher.run(insert(n)));
    for (const r of runs) await expect(r).rejects.toThrow(/locked|busy/i);
    other.prepare('COMMIT').run();
    await batcher.run(insert('c'));
    expect(committed()).toEqual(['c']);
  });

  it('with a minimum interval, what arrives in later turns waits and shares the next commit', async () => {
    const { db, insert, committed } = setUp();
    const batcher = new TransactionBatcher(db, 300);
    await batcher.run(insert('first')); // a commit just happened: the next one waits for the interval
    const b = batcher.run(insert('b'));
    await new Promise((r) => setImmediate(r)); // a later turn of the event loop
    const c = batcher.run(insert('c'));
    await b;
    // when b's commit is over, c is in it: one write for both
    expect(committed()).toEqual(['b', 'c', 'first']);
    await c;
  });
});
