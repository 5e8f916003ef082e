/**
 * Migration 012 (the grid at scale) on a database with employees in the previous version: the
 * counts and both search indexes are built from the rows already there, and kept from then on.
 */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateTo } from '../../db/database';
import { migrations } from '../../db/migrations';
import { selectCompanyCounts, selectGridPage } from '../../db/queries/employee-grid';
import { gridQuerySchema } from '../../preload/schemas';

const NOW = Date.UTC(2026, 10, 25);
const version = migrations.find((m) => m.name === '012-grid-at-scale')!.version;

describe('migration 012-grid-at-scale', () => {
  it('counts and indexes the employees of the previous version', () => {
    const db = new BetterSqlite3(':memory:');
    migrateTo(db, version - 1);
    const insert = db.prepare(`INSERT INTO employees (login_id, code, last_name, first_name, department, password_status, issued_via,
      verified_at, link_sent_at, link_valid_until, passcode_status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)`);
    insert.run('Sato.Hanako', '0011', '佐藤', '花子', '大阪支店', 'unissued', null, null, null, null, 'unissued');
    insert.run('tanaka', '0012', '田中', '太郎', '本社', 'issuing', null, null, NOW - 10, NOW + 1000, 'issued');
    insert.run('suzuki', '0013', '鈴木', '一郎', '本社', 'reissuing', 'pdf', null, NOW - 10, NOW - 1, 'unissued');
    insert.run('takahashi', '0014', '高橋', '', '本社', 'issued', 'pdf', null, null, null, 'issued');

    migrateTo(db, version);
    expect(db.pragma('user_version', { simple: true })).toBe(version);
    expect(selectCompanyCounts(db, NOW)).toEqual({
      passcodeUnissued: 2, locked: 0, bounced: 0, verification: { none: 1, waiting: 1, expired: 1, verified: 0, done: 0, na: 1 },
    });
    const ids = (text: string) => selectGridPage(db, gridQuerySchema.parse({ text }), NOW).rows.map((r) => r.login_id);
    expect(ids('佐藤 花')).toEqual(['Sato.Hanako']); // trigram index, the spaced name
    expect(ids('藤花子')).toEqual(['Sato.Hanako']); // the joined name
    expect(ids('sato')).toEqual(['Sato.Hanako']); // ASCII case folded, as LIKE does
    expect(ids('本社')).toEqual(['tanaka', 'suzuki', 'takahashi']); // two characters: the index of pairs
    expect(ids('木')).toEqual(['suzuki']); // one character
    expect(ids('0014')).toEqual(['takahashi']);

    // kept from then on by the triggers
    db.prepare(`UPDATE employees SET department = '名古屋支店', password_status = 'issued', issued_via = 'mail',
      link_valid_until = NULL, link_sent_at = NULL WHERE login_id = 'tanaka'`).run();
    expect(ids('本社')).toEqual(['suzuki', 'takahashi']);
    expect(ids('名古屋')).toEqual(['tanaka']);
    expect(selectCompanyCounts(db, NOW).verification).toEqual({ none: 1, waiting: 0, expired: 1, verified: 0, done: 1, na: 1 });
    expect(() => db.prepare(`INSERT INTO employee_search (employee_search, rank) VALUES ('integrity-check', 1)`).run()).not.toThrow();
  });
});
