/**
 * The columns every employee read selects, including 認証状態 derived from stored facts and
 * the caller's :now — the SQL twin of deriveVerification() in main/services/domain/status.ts
 * (tests/unit/status-sql.test.ts checks they agree). The facts reach it through the generated
 * columns verification_order and open_until (migration 012), which the grid's indexes hold.
 */
import type {
  AccountFacts, IssuedVia, PasscodeStatus, PasswordStatus, VerificationStatus,
} from '../../preload/domain-types';

export const VERIFICATION_SQL = `CASE e.verification_order
    WHEN 0 THEN 'none'
    WHEN 1 THEN CASE WHEN e.open_until > :now THEN 'waiting' ELSE 'expired' END
    WHEN 3 THEN 'verified'
    WHEN 4 THEN 'done'
    ELSE 'na'
  END`;

export const EMPLOYEE_COLUMNS = `
  e.id, e.code, e.last_name, e.first_name, e.honorific, e.login_id, e.department,
  e.recorder_enabled, e.is_company_admin, e.password_status, e.passcode_status, e.issued_via,
  e.verified_at, e.link_sent_at, e.link_valid_until, e.last_login_at,
  e.email1, e.email2, e.email3, e.version,
  (e.locked_until > :now OR e.passcode_locked_until > :now) AS locked,
  ${VERIFICATION_SQL} AS verification`;

export interface EmployeeDbRow {
  id: number; code: string; last_name: string; first_name: string; honorific: string; login_id: string;
  department: string; recorder_enabled: number; is_company_admin: number;
  password_status: PasswordStatus;
  passcode_status: PasscodeStatus;
  issued_via: IssuedVia | null;
  verified_at: number | null; link_sent_at: number | null; link_valid_until: number | null;
  last_login_at: number | null;
  email1: string | null; email2: string | null; email3: string | null;
  /** bumped by every edit and transition: a write names the version its author read */
  version: number;
  verification: VerificationStatus;
  /** 1 while the login or the kiosk passcode is locked (「ロック中」) */
  locked: number;
}

/**
 * What a bulk mail job reads of each employee (its preview, its rows, each claim): names, addresses,
 * the status model's facts and the version. Half the columns of EMPLOYEE_COLUMNS, read in half the
 * time: the preview and the start read every selected employee, a claim one a mail.
 */
export const BULK_MAIL_COLUMNS = `
  e.id, e.login_id, e.last_name, e.first_name, e.recorder_enabled, e.password_status, e.issued_via,
  e.verified_at, e.link_sent_at, e.link_valid_until, e.email1, e.email2, e.email3, e.version,
  ${VERIFICATION_SQL} AS verification`;

/** The columns that hold the status model's facts. */
export type FactColumns = 'password_status' | 'issued_via' | 'verified_at' | 'link_sent_at' | 'link_valid_until';

export type BulkMailEmployeeRow = Pick<EmployeeDbRow,
  'id' | 'login_id' | 'last_name' | 'first_name' | 'recorder_enabled' | FactColumns | 'email1' | 'email2' | 'email3' | 'version' | 'verification'>;

/** The stored facts of the status model, as the domain module takes them. */
export const factsOf = (r: Pick<EmployeeDbRow, FactColumns>): AccountFacts => ({
  password: r.password_status, issuedVia: r.issued_via, verifiedAt: r.verified_at,
  linkSentAt: r.link_sent_at, linkValidUntil: r.link_valid_until,
});
