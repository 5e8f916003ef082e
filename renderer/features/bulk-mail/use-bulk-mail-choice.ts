/**
 * Who is sent to, and at which address: the ticks (every row that can be ticked, at first —
 * except rows whose last bulk mail may already have gone out, which the administrator ticks
 * by hand) and the chosen slot per row (メールアドレス1, or the first there is, by default).
 * Kept as the administrator's choices and read against the current rows, so a reloaded
 * preview keeps them while they still apply.
 */
import { useState } from 'react';
import { selectable, type AddressSlot, type BulkMailRow } from './use-bulk-mail-preview';

export function useBulkMailChoice(rows: readonly BulkMailRow[]) {
  // null: untouched, so every row that can be ticked is (but an uncertain one)
  const [chosen, setChosen] = useState<ReadonlySet<number> | null>(null);
  const [slots, setSlots] = useState<ReadonlyMap<number, AddressSlot>>(new Map());

  const selectableRows = rows.filter(selectable);
  const ticked: ReadonlySet<number> = new Set(
    selectableRows.filter((r) => (chosen === null ? !r.uncertain : chosen.has(r.employeeId))).map((r) => r.employeeId),
  );
  const tickedRows = selectableRows.filter((r) => ticked.has(r.employeeId));

  const slotOf = (row: BulkMailRow): AddressSlot | undefined => {
    const wanted = slots.get(row.employeeId);
    return (row.addresses.find((a) => a.slot === wanted) ?? row.addresses[0])?.slot;
  };

  return {
    ticked,
    tickedRows,
    slotOf,
    setTicked: (next: ReadonlySet<number>) => setChosen(next),
    /** a row just given an address is ticked along with the others */
    tick: (employeeId: number) => setChosen((c) => (c === null ? null : new Set([...c, employeeId]))),
    setSlot: (employeeId: number, slot: AddressSlot) => setSlots((s) => new Map(s).set(employeeId, slot)),
  };
}
