import type { BulkMailPreview } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';

const b = ja.bulkMail;

/** One line per address set for several employees of the batch (SPEC §6's warning). */
export function DuplicateAddressWarning({ preview }: { preview: BulkMailPreview }) {
  if (preview.duplicates.length === 0) return null;
  const names = new Map(preview.rows.map((r) => [r.employeeId, r.name]));
  return (
    <div className="issue-warning duplicate-warning">
      <ul className="duplicate-list">
        {preview.duplicates.map((d) => (
          <li key={d.address}>{b.duplicate(d.address, d.employeeIds.map((id) => names.get(id) ?? '').join(b.nameSeparator))}</li>
        ))}
      </ul>
      <p>{b.duplicateNote}</p>
    </div>
  );
}
