import type { EmployeeDetail } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';

const m = ja.mailIssue;

type Statuses = Pick<EmployeeDetail, 'password' | 'verification'>;

/** 「発行ステータス：…」 as the source screens word it: 「認証待ち (URL有効期限切れ)」 and so on. */
export function issueStatusLabel({ password, verification }: Statuses): string {
  if (password === 'reissuing') return m.reissuingStatus(ja.status.verification[verification]);
  if (password === 'unissued') return m.issueStatus.unissued;
  // 発行済 opens this screen only to reissue: the new password is yet to be issued (SPEC §7).
  if (password === 'issued') return m.issueStatus.reissue;
  switch (verification) {
    case 'waiting':
      return m.issueStatus.waiting;
    case 'expired':
      return m.issueStatus.expired;
    case 'verified':
      return m.issueStatus.verified;
    default:
      // 発行中 always has a verification in flight; anything else reads as 未発行.
      return m.issueStatus.unissued;
  }
}

/**
 * Which of 「認証 → 発行 → ログイン」 is current (0, 1, 2), or 3 once all are done.
 * Until the link is used the employee is at 認証; once verified the password was mailed,
 * so 発行 is done and ログイン is next. 発行済 is here to reissue: it starts at 認証 again.
 */
export function currentStep({ password, verification }: Statuses): number {
  if (password === 'issued') return 0;
  if (verification === 'verified') return 2;
  if (verification === 'done') return 3;
  return 0;
}
