/**
 * The status model of SPEC §4 as a pure function of stored facts and the current time.
 * 認証状態 is never stored: expiry is a function of time, so it is derived at read time.
 * db/queries/employee-grid.ts holds the same derivation in SQL (for filtering 50,000 rows);
 * tests/unit/status.test.ts checks that both agree.
 */
import type {
  AccountFacts, PasswordStatus, VerificationStatus,
} from '../../../preload/domain-types';

export type { AccountFacts };

export const initialFacts: AccountFacts = {
  password: 'unissued', issuedVia: null, verifiedAt: null, linkSentAt: null, linkValidUntil: null,
};

export function deriveVerification(f: AccountFacts, now: number): VerificationStatus {
  switch (f.password) {
    case 'unissued':
      return 'none';
    case 'issued':
      return f.issuedVia === 'pdf' ? 'na' : 'done';
    case 'issuing':
    case 'reissuing':
      if (f.verifiedAt !== null) return 'verified';
      if (f.linkValidUntil !== null && f.linkValidUntil > now) return 'waiting';
      return 'expired';
  }
}

export type AccountEvent =
  | { type: 'pdfIssued' }
  | { type: 'verificationMailSent'; validUntil: number }
  | { type: 'linkVerified' }
  | { type: 'accountMailSent' }
  | { type: 'firstLogin' }
  | { type: 'issuanceCancelled' };

/**
 * What goes with the new facts, in the same transaction (main/services/account-transitions.ts
 * carries them out; 'sendAccountMail' is the caller's, before the password is put in force):
 * - newPassword: the delivered password replaces the one in force;
 * - newLink: the link of the mail being sent is stored with the facts;
 * - revokeOpenLinks: every open link of the issuance dies;
 * - consumeLink: the link that verified is used up, every other open link dies;
 * - endSessions: the employee's portal sessions end (the password changed hands);
 * - recordLogin: the login is recorded.
 */
export type SideEffect =
  | 'newPassword' | 'newLink' | 'revokeOpenLinks' | 'consumeLink' | 'endSessions' | 'sendAccountMail' | 'recordLogin';

export type Transition =
  | { ok: true; facts: AccountFacts; effects: SideEffect[] }
  | { ok: false; reason: 'notAllowed'; from: { password: PasswordStatus; verification: VerificationStatus } };

const pendingCleared = { verifiedAt: null, linkSentAt: null, linkValidUntil: null } as const;

/** Apply one event of SPEC §4's table; anything the table does not allow is refused. */
export function applyEvent(f: AccountFacts, e: AccountEvent, now: number): Transition {
  const v = deriveVerification(f, now);
  const refuse = (): Transition => ({ ok: false, reason: 'notAllowed', from: { password: f.password, verification: v } });
  const ok = (facts: AccountFacts, effects: SideEffect[]): Transition => ({ ok: true, facts, effects });

  switch (e.type) {
    case 'pdfIssued':
      return ok({ ...f, ...pendingCleared, password: 'issued', issuedVia: 'pdf' }, ['newPassword', 'revokeOpenLinks', 'endSessions']);

    case 'verificationMailSent': {
      // New account from 未発行 or 発行中; reissue from 発行済 or 再発行中 (every state is a start).
      const password: PasswordStatus = f.password === 'issued' || f.password === 'reissuing' ? 'reissuing' : 'issuing';
      // Earlier unexpired links of the issuance stay valid, so the latest expiry wins.
      const stillLive = v === 'waiting' && f.linkValidUntil !== null ? f.linkValidUntil : 0;
      return ok(
        { ...f, password, verifiedAt: null, linkSentAt: now, linkValidUntil: Math.max(stillLive, e.validUntil) },
        ['newLink'],
      );
    }

    case 'linkVerified':
      if ((f.password === 'issuing' || f.password === 'reissuing') && v === 'waiting') {
        return ok({ ...f, verifiedAt: now, linkValidUntil: null }, ['newPassword', 'sendAccountMail', 'consumeLink', 'endSessions']);
      }
      return refuse();

    case 'accountMailSent':
      if ((f.password === 'issued' && (v === 'done' || v === 'na')) || f.password === 'reissuing') {
        return ok(
          { ...f, password: 'reissuing', verifiedAt: now, linkSentAt: null, linkValidUntil: null },
          ['newPassword', 'sendAccountMail', 'revokeOpenLinks', 'endSessions'],
        );
      }
      return refuse();

    case 'firstLogin':
      if ((f.password === 'issuing' || f.password === 'reissuing') && v === 'verified') {
        return ok({ ...f, ...pendingCleared, password: 'issued', issuedVia: 'mail' }, ['recordLogin']);
      }
      return refuse();

    case 'issuanceCancelled':
      if ((f.password === 'issuing' || f.password === 'reissuing') && (v === 'waiting' || v === 'expired')) {
        // A new account returns to 未発行/未; a reissue to 発行済 with the old password untouched.
        const password: PasswordStatus = f.password === 'issuing' ? 'unissued' : 'issued';
        return ok({ ...f, ...pendingCleared, password }, ['revokeOpenLinks']);
      }
      return refuse();
  }
}

/**
 * Rows that 「選択してパスワード発行 N」 counts: PDF bulk only for 未発行, mail bulk for 未発行/未.
 * 未発行 always derives 未, so one rule serves both modes.
 */
export function isBulkIssuable(f: AccountFacts): boolean {
  return f.password === 'unissued';
}

/**
 * Rows a new bulk mail send takes: 未発行/未; and, only when the administrator ticks them, rows whose
 * last bulk mail may or may not have gone out (a crash): they wait with a working link already.
 * `lastMailUncertain` is a look-up in the mail history, asked only for rows not 未発行.
 */
export function isBulkMailable(f: AccountFacts, lastMailUncertain: () => boolean): boolean {
  return isBulkIssuable(f) || ((f.password === 'issuing' || f.password === 'reissuing') && f.verifiedAt === null && lastMailUncertain());
}

/** Punching is allowed only while P = 発行済 and タイムレコーダー = 有効 (SPEC §4). */
export function canPunch(f: AccountFacts, recorderEnabled: boolean): boolean {
  return f.password === 'issued' && recorderEnabled;
}
