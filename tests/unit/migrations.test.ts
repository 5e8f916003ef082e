import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseFromFutureError, migrate } from '../../db/database';
import { LATEST_VERSION, migrations } from '../../db/migrations';

describe('migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('run from zero on :memory: and leave user_version at the latest', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT notify_method, verification_days FROM settings').get()).toEqual({
      notify_method: 'pdf', verification_days: 7,
    });
  });

  it('are idempotent: a second run changes nothing', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db);
    migrate(db);
    expect(db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 1 });
  });

  it('refuse a database from a newer version and leave it untouched', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(DatabaseFromFutureError);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
  });

  it('roll back entirely when a migration fails half-way', () => {
    const db = new BetterSqlite3(':memory:');
    db.exec('CREATE TABLE employees (id INTEGER)'); // makes 001 fail after creating settings
    expect(() => migrate(db)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'settings'").get()).toEqual({ n: 0 });
  });
});
