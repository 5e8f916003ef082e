import { create } from 'zustand';
import { useFlashStore } from './flash-store';
import { useGridStore } from './grid-store';
import type { EmployeeRow, IssueKind } from '../../preload/contract';

/** The screens of the admin window. A union instead of URLs: the window has no address bar. */
export type Screen =
  | { name: 'employees' }
  | { name: 'employeeCreate' }
  | { name: 'employeeEdit'; employeeId: number }
  | { name: 'accountSettings' }
  /** 「パスワード発行」/「パスコード発行」 (PDF, one employee); reissue: from マイページ編集's 「再発行」 */
  | { name: 'pdfIssue'; kind: IssueKind; employeeId: number; reissue: boolean }
  /** 「パスワード一括発行」 (PDF): the rows selected in the grid, in the grid's order */
  | { name: 'passwordBulkIssue'; rows: readonly EmployeeRow[] }
  /** 「パスワード発行」 by mail verification (one employee); the reissue screen once 発行済 */
  | { name: 'mailIssue'; employeeId: number }
  /** 「パスワード一括発行」 (mail): the employees selected in the grid, in the grid's order */
  | { name: 'mailBulkIssue'; employeeIds: readonly number[] }
  /** a bulk mail job: its progress, then its result */
  | { name: 'mailBulkJob'; jobId: string }
  /** 基本設定 › メール送信 */
  | { name: 'smtpSettings' }
  /** 「デモ用受信箱」 (demo mode only) */
  | { name: 'demoMailbox' }
  /** 「ファイル入出力」: the CSV download and upload (SPEC §11) */
  | { name: 'fileIo' }
  /** 基本設定 › バックアップ: the list, 「今すぐバックアップ」 and 「復元」 */
  | { name: 'backup' }
  /** 「操作ログ」 (SPEC §12) */
  | { name: 'auditLog' }
  /** 基本設定 › 管理者アカウント (the 法人管理者 only) */
  | { name: 'administrators' };

interface NavigationState {
  screen: Screen;
  goTo(screen: Screen): void;
  reset(): void;
}

const HOME: Screen = { name: 'employees' };

/**
 * The grid's ticks feed the bulk issue screens (back from one unused, they are there to adjust);
 * any other screen ends them, so that they never come back armed on returning to the grid.
 */
const KEEP_SELECTION: ReadonlySet<Screen['name']> = new Set(['employees', 'passwordBulkIssue', 'mailBulkIssue']);

export const useNavigationStore = create<NavigationState>()((set) => ({
  screen: HOME,
  // A message belongs to the screen it was shown on: moving on clears it (show it after goTo).
  goTo: (screen) => {
    useFlashStore.getState().clear();
    if (!KEEP_SELECTION.has(screen.name)) useGridStore.getState().clearSelection();
    set({ screen });
  },
  reset: () => set({ screen: HOME }),
}));
