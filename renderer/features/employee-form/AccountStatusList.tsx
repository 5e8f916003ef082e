import type { EmployeeDetail, IssueKind } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { formatDateTime } from '../../../preload/i18n/format-date-time';

const f = ja.employeeForm;

interface AccountStatusListProps {
  employee: EmployeeDetail;
  /** 「再発行」 next to パスワード / パスコード, offered while that one is 発行済 */
  onReissue?(kind: IssueKind): void;
  /** 「ロック解除」, offered while the login or the kiosk passcode is locked */
  onUnlock?(): void;
}

/** マイページ編集's read-only facts: パスワード, パスコード, 最終ログイン日時. */
export function AccountStatusList({ employee, onReissue, onUnlock }: AccountStatusListProps) {
  const reissue = (kind: IssueKind, label: string) => onReissue && (
    <button type="button" className="button button-small reissue-button" aria-label={f.reissueLabel(label)} onClick={() => onReissue(kind)}>
      {f.reissue}
    </button>
  );
  return (
    <dl className="status-list">
      <div>
        <dt>{f.password}</dt>
        <dd>
          <span className={`status status-password-${employee.password}`}>{ja.status.password[employee.password]}</span>
          {employee.password === 'issued' && reissue('password', f.password)}
        </dd>
      </div>
      <div>
        <dt>{f.passcode}</dt>
        <dd>
          <span className={`status status-passcode-${employee.passcode}`}>{ja.status.passcode[employee.passcode]}</span>
          {employee.passcode === 'issued' && reissue('passcode', f.passcode)}
        </dd>
      </div>
      {employee.locked && (
        <div>
          <dt>{f.lock}</dt>
          <dd>
            <span className="badge badge-locked">{f.locked}</span>
            {onUnlock && <button type="button" className="button button-small" onClick={onUnlock}>{f.unlock}</button>}
          </dd>
        </div>
      )}
      <div>
        <dt>{f.lastLogin}</dt>
        <dd>{employee.lastLoginAt === null ? f.never : formatDateTime(employee.lastLoginAt)}</dd>
      </div>
    </dl>
  );
}
