import type { EmployeeRow } from '../../../preload/contract';

/**
 * Where the links in a row lead. The grid only asks for the screens through these, so
 * wiring them touches one place (EmployeeGridScreen).
 */
export interface RowLinks {
  openEmployee(row: EmployeeRow): void;
  /** 「未発行」 in PDF mode: the individual PDF issue screen */
  openPasswordIssue(row: EmployeeRow): void;
  /** 未 / 認証待ち / 有効期限切れ / 済（未ログイン）: the individual mail issue screen */
  openMailIssue(row: EmployeeRow): void;
  /** パスコード 「未発行」: the passcode PDF screen */
  openPasscodeIssue(row: EmployeeRow): void;
}
