import type { GridSortKey } from '../../../preload/domain-types';
import { ja } from '../../../preload/i18n/ja';

export interface GridColumn {
  sortKey: GridSortKey;
  label: string;
  /** 認証状態 exists only while 通知手段 is メール */
  mailOnly?: boolean;
  /** 最終ログイン日時 is shown when the administrator asks for it */
  optional?: boolean;
}

const c = ja.grid.columns;

/** The data columns after the checkbox, in the order of SPEC §3. */
export const GRID_COLUMNS: readonly GridColumn[] = [
  { sortKey: 'recorder', label: c.recorder },
  { sortKey: 'department', label: c.department },
  { sortKey: 'code', label: c.code },
  { sortKey: 'name', label: c.name },
  { sortKey: 'loginId', label: c.loginId },
  { sortKey: 'password', label: c.password },
  { sortKey: 'verification', label: c.verification, mailOnly: true },
  { sortKey: 'passcode', label: c.passcode },
  { sortKey: 'lastLogin', label: c.lastLogin, optional: true },
];
