import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertEmployee } from '../../db/queries/employees';
import { writeAccountSettings } from '../../db/queries/settings';
import { gridQuerySchema, type GridQueryInput } from '../../preload/schemas';
import type { AccountFacts } from '../../preload/domain-types';
import { makeTestApp } from '../support/test-app';

const HOUR = 3_600_000;
let t: ReturnType<typeof makeTestApp>;

/** 250 employees whose statuses cycle through 7 (P, V) states: i % 7 = 0..4 occur 36 times, 5 and 6 35 times. */
beforeAll(() => {
  t = makeTestApp();
  const now = t.clock.now();
  const cycle: AccountFacts[] = [
    { password: 'unissued', issuedVia: null, verifiedAt: null, linkSentAt: null, linkValidUntil: null },
    { password: 'issuing', issuedVia: null, verifiedAt: null, linkSentAt: now, linkValidUntil: now + HOUR }, // 認証待ち, expires in 1h
    { password: 'issuing', issuedVia: null, verifiedAt: null, linkSentAt: now - 9 * HOUR, linkValidUntil: now - HOUR },
    { password: 'issuing', issuedVia: null, verifiedAt: now, linkSentAt: null, linkValidUntil: null },
    { password: 'issued', issuedVia: 'mail', verifiedAt: null, linkSentAt: null, linkValidUntil: null },
    { password: 'issued', issuedVia: 'pdf', verifiedAt: null, linkSentAt: null, linkValidUntil: null },
    { password: 'reissuing', issuedVia: 'pdf', verifiedAt: null, linkSentAt: now, linkValidUntil: now + 2 * HOUR },
  ];
  t.app.db.transaction(() => {
    for (let i = 0; i < 250; i++) {
      insertEmployee(t.app.db, {
        loginId: `user${String(i).padStart(3, '0')}`, code: String(1000 + i), honorific: '',
        lastName: i === 7 ? '100%本気' : `社員${i}`, firstName: '', department: i % 2 ? '本社' : '大阪支店',
        email1: null, email2: null, email3: null, recorderEnabled: i % 10 !== 0,
        facts: cycle[i % cycle.length], passcodeHash: i % 3 === 0 ? 'x' : null,
      }, now);
    }
  })();
  writeAccountSettings(t.app.db, { notifyMethod: 'mail', verificationDays: 7, requirePasswordChange: true });
});
afterAll(async () => {
  await t.dispose();
});

const list = (q: GridQueryInput) => t.app.employees.list(gridQuerySchema.parse(q));

describe('the 社員情報管理 grid query', () => {
  it('pages 100 at a time, sorted by 社員コード ascending by default', () => {
    const p1 = list({});
    expect(p1.total).toBe(250);
    expect(p1.rows).toHaveLength(100);
    expect(p1.rows[0]!.code).toBe('1000');
    const p3 = list({ page: 3 });
    expect(p3.rows.map((r) => r.code)).toEqual(Array.from({ length: 50 }, (_, i) => String(1200 + i)));
  });

  it('shows the last page when asked for a page past the end', () => {
    const p = list({ page: 99, pageSize: 100 });
    expect(p.page).toBe(3);
    expect(p.rows).toHaveLength(50);
  });

  it('sorts by any column in both directions', () => {
    expect(list({ sort: 'code', direction: 'desc', pageSize: 20 }).rows[0]!.code).toBe('1249');
    expect(list({ sort: 'loginId', direction: 'desc', pageSize: 20 }).rows[0]!.loginId).toBe('user249');
    const byVerification = list({ sort: 'verification', pageSize: 1000 }).rows.map((r) => r.verification);
    expect(byVerification.indexOf('waiting')).toBeGreaterThan(byVerification.lastIndexOf('none'));
    expect(byVerification.lastIndexOf('na')).toBe(249);
  });

  it('filters by free text on code, name, login ID and department, treating % literally', () => {
    expect(list({ text: '1042' }).rows.map((r) => r.code)).toEqual(['1042']);
    expect(list({ text: 'user24' }).total).toBe(10); // user240–249 (user024 does not contain it)
    expect(list({ text: '100%' }).rows.map((r) => r.lastName)).toEqual(['100%本気']);
    expect(list({ text: '大阪' }).total).toBe(125);
  });

  it('filters by パスワード, パスコード and the time-derived 認証状態', () => {
    expect(list({ password: ['reissuing'], pageSize: 1000 }).total).toBe(35);
    expect(list({ passcode: ['issued'], pageSize: 1000 }).total).toBe(84);
    expect(list({ verification: ['waiting'], pageSize: 1000 }).total).toBe(71); // 36 発行中 + 35 再発行中
    expect(list({ verification: ['expired'], pageSize: 1000 }).total).toBe(36);
    expect(list({ verification: ['waiting', 'expired'], password: ['issuing'], pageSize: 1000 }).total).toBe(72);
  });

  it('moves rows from 認証待ち to 有効期限切れ as time passes, with nothing stored changing', () => {
    t.clock.advance(HOUR); // the 1h links are now exactly at their expiry
    try {
      expect(list({ verification: ['waiting'], pageSize: 1000 }).total).toBe(35); // only the 2h links remain
      expect(list({ verification: ['expired'], pageSize: 1000 }).total).toBe(72);
    } finally {
      t.clock.advance(-HOUR);
    }
  });

  it('returns the company-wide counts for the buttons and the aggregate panel', () => {
    const p = list({ text: '1042' });
    expect(p.passcodeUnissued).toBe(166);
    expect(p.verificationCounts).toEqual({ none: 36, waiting: 71, expired: 36, verified: 36, done: 36, na: 35 });
    expect(p.notifyMethod).toBe('mail');
  });

  it('gives the hover facts only to 認証待ち and 有効期限切れ rows', () => {
    const rows = list({ pageSize: 20 }).rows;
    const waiting = rows.find((r) => r.verification === 'waiting')!;
    expect(waiting.verificationSentAt).toBe(t.clock.now());
    expect(waiting.verificationExpiresAt).toBe(t.clock.now() + HOUR);
    expect(rows.find((r) => r.verification === 'done')!.verificationSentAt).toBeNull();
  });
});
