import { ja } from '../../../preload/i18n/ja';
import type { AddressSlot, BulkMailRow } from './use-bulk-mail-preview';

const b = ja.bulkMail;

interface AddressCellProps {
  row: BulkMailRow;
  slot: AddressSlot | undefined;
  disabled: boolean;
  onSlot(slot: AddressSlot): void;
  onEdit(): void;
}

/**
 * 「送信メールアドレス」: a select among the employee's addresses; 「未設定」 with a pencil
 * to type one (saved as メールアドレス1); for a row that is not sent to, why not.
 */
export function AddressCell({ row, slot, disabled, onSlot, onEdit }: AddressCellProps) {
  if (!row.eligible) return <span className="row-note">{row.note}</span>;
  if (row.addresses.length === 0 || slot === undefined) {
    return (
      <span className="address-unset">
        <span className="status-unset">{b.notSet}</span>
        <button type="button" className="icon-button" aria-label={b.editAddress(row.name)} title={b.editAddress(row.name)} disabled={disabled} onClick={onEdit}>
          <span aria-hidden="true">{b.editAddressIcon}</span>
        </button>
      </span>
    );
  }
  return (
    <select
      className="address-select"
      aria-label={b.addressLabel(row.name)}
      value={slot}
      disabled={disabled}
      onChange={(e) => onSlot(Number(e.target.value) as AddressSlot)}
    >
      {row.addresses.map((a) => <option key={a.slot} value={a.slot}>{b.addressOption(a.slot, a.address)}</option>)}
    </select>
  );
}
