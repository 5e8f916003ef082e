/** Status codes shared by every layer. Labels for them live in i18n/ja.ts. */
export const PASSWORD_STATUSES = ['unissued', 'issuing', 'issued', 'reissuing'] as const;
export type PasswordStatus = (typeof PASSWORD_STATUSES)[number];

/** 未 / 認証待ち / 有効期限切れ / 済（未ログイン） / 済 / - */
export const VERIFICATION_STATUSES = ['none', 'waiting', 'expired', 'verified', 'done', 'na'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const PASSCODE_STATUSES = ['unissued', 'issued'] as const;
export type PasscodeStatus = (typeof PASSCODE_STATUSES)[number];

export const NOTIFY_METHODS = ['pdf', 'mail'] as const;
export type NotifyMethod = (typeof NOTIFY_METHODS)[number];

/** How the password in force was delivered: decides 済 versus - once 発行済. */
export const ISSUED_VIA = ['pdf', 'mail', 'setup'] as const;
export type IssuedVia = (typeof ISSUED_VIA)[number];

export const GRID_SORT_KEYS = [
  'code', 'name', 'loginId', 'department', 'recorder', 'password', 'verification', 'passcode', 'lastLogin',
] as const;
export type GridSortKey = (typeof GRID_SORT_KEYS)[number];

export const PAGE_SIZES = [20, 50, 100, 500, 1000] as const;
export const EMAIL_SLOTS = [1, 2, 3] as const;
export const VERIFICATION_DAYS = { min: 1, max: 14, default: 7 } as const;

/** The stored facts about one employee's password issuance (SPEC §4); 認証状態 derives from them. */
export interface AccountFacts {
  password: PasswordStatus;
  /** how the password in force was delivered (null while none ever was) */
  issuedVia: IssuedVia | null;
  /** when the issuance in progress was verified (account mail accepted), else null */
  verifiedAt: number | null;
  /** latest verification mail of the issuance in progress */
  linkSentAt: number | null;
  /** latest expiry among the live links of the issuance in progress */
  linkValidUntil: number | null;
}

/**
 * A mail in 「メール送信履歴」: 'sending' is written before it leaves, then 'sent' or 'failed';
 * 'uncertain': a crash caught it on its way (it may or may not have gone out; its link works).
 */
export const MAIL_RESULTS = ['sending', 'sent', 'failed', 'uncertain'] as const;
export type MailResult = (typeof MAIL_RESULTS)[number];

/** The administrator's session ends after this long without an action (the screens log out by themselves too). */
export const ADMIN_SESSION_IDLE_MINUTES = 60;

/**
 * An employee's name as every screen, page, notice and mail shows it: 「弥生 憲司」. Trimmed, so that a
 * name stored in one part (the 法人管理者's 「法人管理者」) has no stray space.
 */
export const fullName = (lastName: string, firstName: string): string => `${lastName} ${firstName}`.trim();
