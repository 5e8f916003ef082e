import { useId } from 'react';
import type { MailIssueView } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';

const m = ja.mailIssue;

export type AddressSlot = MailIssueView['addresses'][number]['slot'];

interface AddressPickerProps {
  addresses: MailIssueView['addresses'];
  slot: AddressSlot;
  onChange(slot: AddressSlot): void;
  disabled?: boolean;
}

/**
 * 「送信メールアドレス」: one of the employee's addresses, 「メールアドレス複数登録有」 when
 * there is a choice, and the red 「認証済み」 next to an address already verified.
 */
export function AddressPicker({ addresses, slot, onChange, disabled }: AddressPickerProps) {
  const id = useId();
  const selected = addresses.find((a) => a.slot === slot);
  return (
    <div className="mail-address-row">
      <label htmlFor={id} className="mail-row-label">{m.address}</label>
      <div className="mail-address-control">
        <select
          id={id}
          value={slot}
          onChange={(e) => onChange(Number(e.target.value) as AddressSlot)}
          disabled={disabled}
          aria-describedby={selected?.verified ? `${id}-verified` : undefined}
        >
          {addresses.map((a) => (
            <option key={a.slot} value={a.slot}>{(a.verified ? m.addressOptionVerified : m.addressOption)(a.slot, a.address)}</option>
          ))}
        </select>
        {selected?.verified && <span id={`${id}-verified`} className="verified-badge">{m.verifiedBadge}</span>}
        {addresses.length > 1 && <span className="multiple-addresses">{m.multipleAddresses}</span>}
      </div>
    </div>
  );
}
