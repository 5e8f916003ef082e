import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../db/database';
import { insertEmployee } from '../../db/queries/employees';
import { selectEmployee } from '../../db/queries/employees';
import { deriveVerification } from '../../main/services/domain/status';
import { ISSUED_VIA, PASSWORD_STATUSES, type AccountFacts } from '../../preload/domain-types';

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
