import { memo } from 'react';
import type { EmployeeRow } from '../../../preload/contract';
import type { NotifyMethod } from '../../../preload/domain-types';
import { ja } from '../../../preload/i18n/ja';
import { formatDateTime } from '../../../preload/i18n/format-date-time';
import { LinkButton } from '../../ui/LinkButton';
import { employeeName } from './employee-name';
import type { RowLinks } from './row-links';
import { PasscodeCell, PasswordCell, RecorderCell, VerificationCell } from './StatusCells';

interface EmployeeTableRowProps {
  row: EmployeeRow;
  notifyMethod: NotifyMethod;
  showLastLogin: boolean;
  selected: boolean;
  onToggle(id: number): void;
  links: RowLinks;
  /** Where the grid is virtualised: the row's place on the page (0-based), for measuring and aria-rowindex. */
  index?: number;
  measureRef?: (row: HTMLTableRowElement | null) => void;
}

/** One employee; memoised so that scrolling a virtualised page re-renders only the rows that come into view. */
export const EmployeeTableRow = memo(function EmployeeTableRow({
  row, notifyMethod, showLastLogin, selected, onToggle, links, index, measureRef,
}: EmployeeTableRowProps) {
  const name = employeeName(row);
  return (
    <tr
      className={selected ? 'row-selected' : undefined}
      ref={measureRef}
      data-index={index}
      // the header row is 1, so the page's first employee is 2
      aria-rowindex={index === undefined ? undefined : index + 2}
    >
      <td className="col-select">
        <input type="checkbox" checked={selected} onChange={() => onToggle(row.id)} aria-label={ja.grid.selectRow(name)} />
      </td>
      <td className="col-recorder"><RecorderCell row={row} /></td>
      <td className="col-department">{row.department}</td>
      <td className="col-code">{row.code}</td>
      <td className="col-name">
        <LinkButton onClick={() => links.openEmployee(row)}>{name}</LinkButton>
        {row.locked && <span className="badge badge-locked">{ja.grid.locked}</span>}
      </td>
      <td className="col-loginId">{row.loginId}</td>
      <td className="col-password"><PasswordCell row={row} notifyMethod={notifyMethod} links={links} /></td>
      {notifyMethod === 'mail' && <td className="col-verification"><VerificationCell row={row} links={links} /></td>}
      <td className="col-passcode"><PasscodeCell row={row} links={links} /></td>
      {showLastLogin && <td className="col-lastLogin">{row.lastLoginAt === null ? '-' : formatDateTime(row.lastLoginAt)}</td>}
    </tr>
  );
});
