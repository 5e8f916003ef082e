import { useId } from 'react';
import type { AdministratorRow, AdministratorsView } from '../../../preload/contract';
import { formatDateTime } from '../../../preload/i18n/format-date-time';
import { ja } from '../../../preload/i18n/ja';

const t = ja.administrators;
const c = t.columns;

interface AdministratorTableProps {
  view: AdministratorsView;
  onDisable(row: AdministratorRow): void;
  onEnable(row: AdministratorRow): void;
  onRemove(row: AdministratorRow): void;
  onResetPassword(row: AdministratorRow): void;
}

function statusOf(row: AdministratorRow): string {
  const base = t.status[row.status];
  return row.locked ? `${base}・${t.status.locked}` : base;
}

/** 「管理者の一覧」: the 法人管理者 first (not managed here), then each ユーザー管理者 with its actions. */
export function AdministratorTable({ view, onDisable, onEnable, onRemove, onResetPassword }: AdministratorTableProps) {
  const id = useId();
  return (
    <div className="table-scroll">
      <table className="employee-table administrators-table" aria-label={t.tableLabel}>
        <thead>
          <tr>
            <th scope="col">{c.loginId}</th>
            <th scope="col">{c.name}</th>
            <th scope="col">{c.role}</th>
            <th scope="col">{c.status}</th>
            <th scope="col">{c.lastLogin}</th>
            <th scope="col">{c.actions}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{view.companyAdmin.loginId}</td>
            <td>{view.companyAdmin.name}</td>
            <td>{t.companyAdmin}</td>
            <td>{t.status.active}</td>
            <td>{t.never}</td>
            <td />
          </tr>
          {view.administrators.map((row) => (
            <tr key={row.id}>
              <td>{row.loginId}</td>
              <td id={`${id}-${row.id}-name`}>{row.name}</td>
              <td>{t.userAdmin}</td>
              <td>{statusOf(row)}</td>
              <td>{row.lastLoginAt === null ? t.never : formatDateTime(row.lastLoginAt)}</td>
              <td className="administrator-actions">
                {row.status === 'disabled'
                  ? <button type="button" className="button button-small" aria-describedby={`${id}-${row.id}-name`} onClick={() => onEnable(row)}>{t.enable}</button>
                  : <button type="button" className="button button-small" aria-describedby={`${id}-${row.id}-name`} onClick={() => onDisable(row)}>{t.disable}</button>}
                <button type="button" className="button button-small" aria-describedby={`${id}-${row.id}-name`} onClick={() => onResetPassword(row)}>{t.resetPassword}</button>
                <button type="button" className="button button-small button-danger" aria-describedby={`${id}-${row.id}-name`} onClick={() => onRemove(row)}>{t.remove}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {view.administrators.length === 0 && <p className="table-empty-text">{t.empty}</p>}
    </div>
  );
}
