import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../db/database';
import { insertEmployee } from '../../db/queries/employees';
import { selectBulkMailEmployee, selectBulkMailEmployees, selectEmployee } from '../../db/queries/employees';
import { deriveVerification } from '../../main/services/domain/status';
import { selectCompanyCounts, selectGridPage } from '../../db/queries/employee-grid';
import { ISSUED_VIA, PASSWORD_STATUSES, VERIFICATION_STATUSES, type AccountFacts, type VerificationStatus } from '../../preload/domain-types';
import { gridQuerySchema } from '../../preload/schemas';

const NOW = Date.UTC(2026, 10, 25);

/** Every combination of stored facts, including ones the model never produces. */
function* allFacts(): Generator<AccountFacts> {
  const times = [null, NOW - 1, NOW, NOW + 1];
  for (const password of PASSWORD_STATUSES) {
    for (const issuedVia of [null, ...ISSUED_VIA]) {
      if (password === 'issued' && issuedVia === null) continue; // refused by a CHECK constraint
      for (const verifiedAt of [null, NOW - 5]) {
        for (const linkValidUntil of times) {
          yield { password, issuedVia, verifiedAt, linkSentAt: linkValidUntil === null ? null : NOW - 10, linkValidUntil };
        }
      }
    }
  }
}

describe('the SQL derivation of 認証状態 agrees with the domain module', () => {
  it('for every combination of stored facts', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db);
    let n = 0;
    for (const facts of allFacts()) {
      const id = insertEmployee(db, {
        loginId: `user${n++}`, code: '', honorific: '', lastName: '試験', firstName: '', department: '',
        email1: null, email2: null, email3: null, recorderEnabled: true, facts,
      }, NOW);
      expect(selectEmployee(db, id, NOW)!.verification, JSON.stringify(facts)).toBe(deriveVerification(facts, NOW));
    }
    expect(n).toBeGreaterThan(100);
  });
});

describe('a bulk mail job reads what every other read reads', () => {
  it('for every combination of stored facts, one employee at a time and many at once, with addresses', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db);
    const ids: number[] = [];
    for (const facts of allFacts()) {
      const n = ids.length;
      ids.push(insertEmployee(db, {
        loginId: `user${n}`, code: String(n), honorific: '様', lastName: '髙橋', firstName: `${n}郎`, department: '本社',
        email1: `a${n}@example.jp`, email2: n % 2 ? null : `b${n}@example.jp`, email3: null, recorderEnabled: n % 3 > 0, facts,
      }, NOW));
    }
    const many = new Map(selectBulkMailEmployees(db, ids, NOW).map((r) => [r.id, r]));
    expect(many.size).toBe(ids.length);
    for (const id of ids) {
      const full = selectEmployee(db, id, NOW)!;
      const one = selectBulkMailEmployee(db, id, NOW)!;
      const expected = Object.fromEntries(Object.keys(one).map((k) => [k, full[k as keyof typeof full]]));
      expect(one).toEqual(expected);
      expect(many.get(id)).toEqual(expected);
    }
    expect(Object.keys(selectBulkMailEmployee(db, ids[0]!, NOW)!).sort()).toEqual([
      'email1', 'email2', 'email3', 'first_name', 'id', 'issued_via', 'last_name', 'link_sent_at', 'link_valid_until', 'login_id',
      'password_status', 'recorder_enabled', 'verification', 'verified_at', 'version',
    ]);
  });
});

describe('the grid over the materialised expiry (migration 012) agrees with the domain module', () => {
  it('filters, counts and sorts every combination of stored facts as deriveVerification() at each moment', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db);
    const facts = new Map<number, AccountFacts>();
    let n = 0;
    for (const f of allFacts()) {
      const id = insertEmployee(db, {
        loginId: `user${n++}`, code: '', honorific: '', lastName: '試験', firstName: '', department: '',
        email1: null, email2: null, email3: null, recorderEnabled: true, facts: f,
      }, NOW);
      facts.set(id, f);
    }
    // the clock moves across every stored expiry: NOW - 1, NOW, NOW + 1 and around them
    for (const now of [NOW - 2, NOW - 1, NOW, NOW + 1, NOW + 2]) {
      const expected = (s: VerificationStatus) => [...facts].filter(([, f]) => deriveVerification(f, now) === s).map(([id]) => id);
      const counts = selectCompanyCounts(db, now).verification;
      for (const s of VERIFICATION_STATUSES) {
        const q = gridQuerySchema.parse({ verification: [s], pageSize: 1000 });
        const page = selectGridPage(db, q, now);
        expect(page.rows.map((r) => r.id).sort((a, b) => a - b), `${s} at ${now - NOW}`).toEqual(expected(s));
        expect(page.total).toBe(expected(s).length);
        expect(counts[s], `count of ${s} at ${now - NOW}`).toBe(expected(s).length);
      }
      // 認証待ち and 有効期限切れ together, and with a パスワード filter beside them
      const both = selectGridPage(db, gridQuerySchema.parse({ verification: ['waiting', 'expired'], password: ['reissuing'], pageSize: 1000 }), now);
      expect(both.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(
        [...facts].filter(([, f]) => f.password === 'reissuing' && ['waiting', 'expired'].includes(deriveVerification(f, now))).map(([id]) => id));
      // the sort by 認証状態 goes 未, 認証待ち, 有効期限切れ, 認証済, 済, - at this moment, both ways
      const rank = (s: VerificationStatus) => ['none', 'waiting', 'expired', 'verified', 'done', 'na'].indexOf(s);
      for (const direction of ['asc', 'desc'] as const) {
        const sorted = selectGridPage(db, gridQuerySchema.parse({ sort: 'verification', direction, pageSize: 1000 }), now).rows
          .map((r) => rank(deriveVerification(facts.get(r.id)!, now)));
        expect(sorted).toEqual([...sorted].sort((a, b) => (direction === 'asc' ? a - b : b - a)));
      }
    }
  });
});
