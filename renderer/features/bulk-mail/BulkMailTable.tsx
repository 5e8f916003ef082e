import { ja } from '../../../preload/i18n/ja';
import { SelectAllCheckbox } from '../../ui/SelectAllCheckbox';
import { RecorderCell } from '../employee-grid/StatusCells';
import { AddressCell } from './AddressCell';
import { selectable, type AddressSlot, type BulkMailRow } from './use-bulk-mail-preview';

const b = ja.bulkMail;
const c = ja.grid.columns;

interface BulkMailTableProps {
  rows: readonly BulkMailRow[];
  ticked: ReadonlySet<number>;
  slotOf(row: BulkMailRow): AddressSlot | undefined;
  disabled: boolean;
  onTicked(next: ReadonlySet<number>): void;
  onSlot(employeeId: number, slot: AddressSlot): void;
  onEditAddress(row: BulkMailRow): void;
}

/** The selected employees: who is sent to (ticked), and at which address. */
export function BulkMailTable({ rows, ticked, slotOf, disabled, onTicked, onSlot, onEditAddress }: BulkMailTableProps) {
  const selectableIds = rows.filter(selectable).map((r) => r.employeeId);
  function toggle(id: number) {
    const next = new Set(ticked);
    if (!next.delete(id)) next.add(id);
    onTicked(next);
  }
  return (
    <div className="table-scroll bulk-table-scroll">
      <table className="employee-table bulk-table bulk-mail-table" aria-label={b.tableLabel}>
        <thead>
          <tr>
            <th scope="col" className="col-select">
              <SelectAllCheckbox eligibleIds={selectableIds} ticked={ticked} disabled={disabled} onChange={onTicked} label={b.selectAll} />
            </th>
            <th scope="col">{c.recorder}</th>
            <th scope="col">{c.loginId}</th>
            <th scope="col">{c.name}</th>
            <th scope="col">{c.password}</th>
            <th scope="col">{c.verification}</th>
            <th scope="col">{b.addressColumn}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const can = selectable(row);
            const on = can && ticked.has(row.employeeId);
            return (
              <tr key={row.employeeId} className={!row.eligible ? 'row-excluded' : on ? 'row-selected' : undefined}>
                <td className="col-select">
                  <input
                    type="checkbox"
                    checked={on}
                    disabled={!can || disabled}
                    onChange={() => toggle(row.employeeId)}
                    aria-label={b.selectRow(row.name)}
                  />
                </td>
                <td><RecorderCell row={row} /></td>
                <td className="col-loginId">{row.loginId}</td>
                <td>{row.name}</td>
                <td><span className={`status status-password-${row.password}`}>{ja.status.password[row.password]}</span></td>
                <td><span className={`status status-verification-${row.verification}`}>{ja.status.verification[row.verification]}</span></td>
                <td className="col-address">
                  <AddressCell
                    row={row}
                    slot={slotOf(row)}
                    disabled={disabled}
                    onSlot={(slot) => onSlot(row.employeeId, slot)}
                    onEdit={() => onEditAddress(row)}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
