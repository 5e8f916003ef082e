import type { Database } from 'better-sqlite3';
import { insertEmployee } from '../../db/queries/employees';
import { PASSWORD_STATUSES } from '../../preload/domain-types';

/** `n` employees spread over every status the grid shows, in one transaction. */
export function seedLarge(db: Database, n: number, now: number): void {
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const password = PASSWORD_STATUSES[i % 4]!;
      const pending = password === 'issuing' || password === 'reissuing';
      insertEmployee(db, {
        loginId: `u${i}`, code: String(100000 + i), honorific: '', lastName: ['佐藤', '鈴木', '高橋', '田中', '伊藤'][i % 5]!,
        firstName: String(i), department: ['本社', '大阪支店', '名古屋支店'][i % 3]!, email1: `u${i}@example.co.jp`,
        email2: null, email3: null, recorderEnabled: i % 10 !== 0,
        facts: {
          password, issuedVia: password === 'issued' || password === 'reissuing' ? (i % 2 ? 'pdf' : 'mail') : null,
          verifiedAt: pending && i % 3 === 0 ? now - 1000 : null, linkSentAt: pending ? now - 1000 : null,
          linkValidUntil: pending ? (i % 5 === 0 ? now - 1 : now + 86_400_000) : null,
        },
        passcodeHash: i % 2 ? 'x' : null,
      }, now);
    }
  })();
}
