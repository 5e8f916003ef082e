import type { EmployeeDetail } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { formatDateTime } from '../../ui/format-date-time';

const f = ja.employeeForm;

/** マイページ編集's read-only facts: パスワード, パスコード, 最終ログイン日時. */
export function AccountStatusList({ employee }: { employee: EmployeeDetail }) {
  return (
    <dl className="status-list">
      <div>
        <dt>{f.password}</dt>
        <dd><span className={`status status-password-${employee.password}`}>{ja.status.password[employee.password]}</span></dd>
      </div>
      <div>
        <dt>{f.passcode}</dt>
        <dd><span className={`status status-passcode-${employee.passcode}`}>{ja.status.passcode[employee.passcode]}</span></dd>
      </div>
      <div>
        <dt>{f.lastLogin}</dt>
        <dd>{employee.lastLoginAt === null ? f.never : formatDateTime(employee.lastLoginAt)}</dd>
      </div>
    </dl>
  );
}
