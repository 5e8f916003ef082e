import type { ReactNode } from 'react';
import type { GridPage } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { useGridStore } from '../../stores/grid-store';
import { bulkIssuable, deletable } from '../../stores/grid-selection';
import { CountButton } from '../../ui/CountButton';

interface BulkActionBarProps {
  page: GridPage;
  onDelete(): void;
  onIssue(): void;
  onPasscodeBulk(): void;
  /** 「すべてロック解除」, offered while any employee is locked */
  onUnlockAll(): void;
  /** the 認証状態 aggregate toggle, in mail mode */
  start?: ReactNode;
}

/**
 * 「選択して削除 N」「選択してパスワード発行 N」「パスコード一括発行 N」: each N is what the button
 * would act on — the 法人管理者 is never deleted, so never counted.
 */
export function BulkActionBar({ page, onDelete, onIssue, onPasscodeBulk, onUnlockAll, start }: BulkActionBarProps) {
  const selected = useGridStore((s) => s.selected);
  const selectedRows = [...selected.values()];
  const toDelete = deletable(selectedRows).length;
  const issuable = bulkIssuable(selectedRows).length;

  return (
    <div className="bulk-bar" role="group" aria-label={ja.grid.bulkActionsLabel}>
      {start}
      <CountButton label={ja.grid.deleteSelected} count={toDelete} className="button button-danger" disabled={toDelete === 0} onClick={onDelete} />
      <CountButton label={ja.grid.issueSelected} count={issuable} className="button" disabled={issuable === 0} onClick={onIssue} />
      <CountButton label={ja.grid.passcodeBulk} count={page.passcodeUnissued} className="button" disabled={page.passcodeUnissued === 0} onClick={onPasscodeBulk} />
      {page.lockedCount > 0 && (
        <CountButton label={ja.employeeForm.unlockAll} count={page.lockedCount} className="button bulk-bar-end" onClick={onUnlockAll} />
      )}
    </div>
  );
}
