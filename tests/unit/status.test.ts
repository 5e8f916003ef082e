import { describe, expect, it } from 'vitest';
import {
  applyEvent, canPunch, deriveVerification, initialFacts, isBulkIssuable, type AccountEvent, type AccountFacts,
} from '../../main/services/domain/status';
import type { PasswordStatus, VerificationStatus } from '../../preload/domain-types';

const NOW = Date.UTC(2026, 10, 25, 3, 0, 0);
const DAY = 86_400_000;

/** One representative stored state for every (P, V) pair the model can reach. */
const states: Record<string, AccountFacts> = {
  '未発行/未': initialFacts,
  '発行中/認証待ち': { ...initialFacts, password: 'issuing', linkSentAt: NOW - DAY, linkValidUntil: NOW + 6 * DAY },
  '発行中/有効期限切れ': { ...initialFacts, password: 'issuing', linkSentAt: NOW - 8 * DAY, linkValidUntil: NOW - DAY },
  '発行中/済（未ログイン）': { ...initialFacts, password: 'issuing', verifiedAt: NOW - 1000 },
  '発行済/済': { ...initialFacts, password: 'issued', issuedVia: 'mail' },
  '発行済/-': { ...initialFacts, password: 'issued', issuedVia: 'pdf' },
  '再発行中/認証待ち': { ...initialFacts, password: 'reissuing', issuedVia: 'mail', linkSentAt: NOW, linkValidUntil: NOW + DAY },
  '再発行中/有効期限切れ': { ...initialFacts, password: 'reissuing', issuedVia: 'pdf', linkSentAt: NOW - 2 * DAY, linkValidUntil: NOW - DAY },
  '再発行中/済（未ログイン）': { ...initialFacts, password: 'reissuing', issuedVia: 'mail', verifiedAt: NOW - 1000 },
};

const label: Record<PasswordStatus, string> = { unissued: '未発行', issuing: '発行中', issued: '発行済', reissuing: '再発行中' };
const vLabel: Record<VerificationStatus, string> = {
  none: '未', waiting: '認証待ち', expired: '有効期限切れ', verified: '済（未ログイン）', done: '済', na: '-',
};
const show = (f: AccountFacts, now = NOW) => `${label[f.password]}/${vLabel[deriveVerification(f, now)]}`;

describe('deriveVerification', () => {
  it.each(Object.entries(states))('%s derives as its name says', (name, facts) => {
    expect(show(facts)).toBe(name);
  });

  it('expires exactly at the stored instant, with no timer', () => {
    const f: AccountFacts = { ...initialFacts, password: 'issuing', linkValidUntil: NOW };
    expect(deriveVerification(f, NOW - 1)).toBe('waiting');
    expect(deriveVerification(f, NOW)).toBe('expired');
  });

  it('treats 発行済 from setup (the 法人管理者) as 済', () => {
    expect(deriveVerification({ ...initialFacts, password: 'issued', issuedVia: 'setup' }, NOW)).toBe('done');
  });
});

/** SPEC §4: for each event, the (P/V) states it may start from and the (P/V) it leads to. */
const table: { event: AccountEvent; allowed: Record<string, string> }[] = [
  {
    event: { type: 'pdfIssued' },
    allowed: Object.fromEntries(Object.keys(states).map((k) => [k, '発行済/-'])),
  },
  {
    event: { type: 'verificationMailSent', validUntil: NOW + 7 * DAY },
    allowed: {
      '未発行/未': '発行中/認証待ち',
      '発行中/認証待ち': '発行中/認証待ち',
      '発行中/有効期限切れ': '発行中/認証待ち',
      '発行中/済（未ログイン）': '発行中/認証待ち',
      '発行済/済': '再発行中/認証待ち',
      '発行済/-': '再発行中/認証待ち',
      '再発行中/認証待ち': '再発行中/認証待ち',
      '再発行中/有効期限切れ': '再発行中/認証待ち',
      '再発行中/済（未ログイン）': '再発行中/認証待ち',
    },
  },
  {
    event: { type: 'linkVerified' },
    allowed: { '発行中/認証待ち': '発行中/済（未ログイン）', '再発行中/認証待ち': '再発行中/済（未ログイン）' },
  },
  {
    event: { type: 'accountMailSent' },
    allowed: {
      '発行済/済': '再発行中/済（未ログイン）',
      '発行済/-': '再発行中/済（未ログイン）',
      '再発行中/認証待ち': '再発行中/済（未ログイン）',
      '再発行中/有効期限切れ': '再発行中/済（未ログイン）',
      '再発行中/済（未ログイン）': '再発行中/済（未ログイン）',
    },
  },
  {
    event: { type: 'firstLogin' },
    allowed: { '発行中/済（未ログイン）': '発行済/済', '再発行中/済（未ログイン）': '発行済/済' },
  },
  {
    event: { type: 'issuanceCancelled' },
    allowed: {
      '発行中/認証待ち': '未発行/未',
      '発行中/有効期限切れ': '未発行/未',
      '再発行中/認証待ち': '発行済/済',
      '再発行中/有効期限切れ': '発行済/-', // the old password was a PDF one: back to 発行済/-
    },
  },
];

describe('applyEvent follows SPEC §4 for every state', () => {
  for (const { event, allowed } of table) {
    for (const [from, facts] of Object.entries(states)) {
      const expected = allowed[from];
      it(`${event.type} from ${from} → ${expected ?? 'refused'}`, () => {
        const t = applyEvent(facts, event, NOW);
        if (expected === undefined) {
          expect(t.ok).toBe(false);
        } else {
          expect(t.ok).toBe(true);
          if (t.ok) expect(show(t.facts)).toBe(expected);
        }
      });
    }
  }
});

describe('side effects', () => {
  it('a PDF issue makes a new password, revokes open links and ends the portal sessions', () => {
    const t = applyEvent(states['発行中/認証待ち']!, { type: 'pdfIssued' }, NOW);
    expect(t.ok && t.effects).toEqual(['newPassword', 'revokeOpenLinks', 'endSessions']);
  });

  it('verification makes a password, sends the account mail, uses up the link (the others die) and ends sessions', () => {
    const t = applyEvent(states['発行中/認証待ち']!, { type: 'linkVerified' }, NOW);
    expect(t.ok && t.effects.sort()).toEqual(['consumeLink', 'endSessions', 'newPassword', 'sendAccountMail']);
    expect(t.ok && t.facts.linkValidUntil).toBeNull();
  });

  it('sending again keeps earlier unexpired links valid (the later expiry wins)', () => {
    const f = { ...states['発行中/認証待ち']!, linkValidUntil: NOW + 10 * DAY };
    const t = applyEvent(f, { type: 'verificationMailSent', validUntil: NOW + DAY }, NOW);
    expect(t.ok && t.facts.linkValidUntil).toBe(NOW + 10 * DAY);
    expect(t.ok && t.facts.linkSentAt).toBe(NOW);
  });

  it('sending again after expiry counts from the new send only', () => {
    const t = applyEvent(states['発行中/有効期限切れ']!, { type: 'verificationMailSent', validUntil: NOW + DAY }, NOW);
    expect(t.ok && t.facts.linkValidUntil).toBe(NOW + DAY);
  });

  it('the first login records the login and completes a mail issuance', () => {
    const t = applyEvent(states['再発行中/済（未ログイン）']!, { type: 'firstLogin' }, NOW);
    expect(t.ok && t.effects).toEqual(['recordLogin']);
    expect(t.ok && t.facts.issuedVia).toBe('mail');
  });

  it('a refusal names the state it was refused from', () => {
    const t = applyEvent(initialFacts, { type: 'firstLogin' }, NOW);
    expect(t).toEqual({ ok: false, reason: 'notAllowed', from: { password: 'unissued', verification: 'none' } });
  });
});

describe('eligibility rules', () => {
  it('only 未発行/未 rows count for 選択してパスワード発行', () => {
    const eligible = Object.entries(states).filter(([, f]) => isBulkIssuable(f)).map(([k]) => k);
    expect(eligible).toEqual(['未発行/未']);
  });

  it('punching needs 発行済 and タイムレコーダー 有効', () => {
    expect(canPunch(states['発行済/済']!, true)).toBe(true);
    expect(canPunch(states['発行済/-']!, true)).toBe(true);
    expect(canPunch(states['発行済/済']!, false)).toBe(false);
    expect(canPunch(states['再発行中/認証待ち']!, true)).toBe(false);
    expect(canPunch(states['発行中/済（未ログイン）']!, true)).toBe(false);
  });
});
