import { useId } from 'react';
import type { BackupInfo } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { formatDateTime } from '../../../preload/i18n/format-date-time';
import { formatSize } from './format-size';

const b = ja.backup;
const c = b.columns;

interface BackupTableProps {
  backups: readonly BackupInfo[];
  onRestore(backup: BackupInfo): void;
  disabled: boolean;
}

/** 「バックアップ一覧」: newest first; each row's 「復元」 is described by its file name and time. */
export function BackupTable({ backups, onRestore, disabled }: BackupTableProps) {
  const id = useId();
  if (backups.length === 0) return <p className="table-empty-text">{b.empty}</p>;
  return (
    <div className="table-scroll backup-table-scroll">
      <table className="employee-table backup-table" aria-label={b.listLabel}>
        <thead>
          <tr>
            <th scope="col">{c.fileName}</th>
            <th scope="col">{c.createdAt}</th>
            <th scope="col" className="backup-size">{c.size}</th>
            <th scope="col"><span className="visually-hidden">{c.restore}</span></th>
          </tr>
        </thead>
        <tbody>
          {backups.map((backup, i) => (
            <tr key={backup.fileName}>
              <td id={`${id}-${i}-name`} className="backup-file">{backup.fileName}</td>
              <td id={`${id}-${i}-at`} className="backup-at">{formatDateTime(backup.createdAt)}</td>
              <td className="backup-size">{formatSize(backup.size)}</td>
              <td className="backup-action">
                <button
                  type="button"
                  className="button button-small"
                  aria-describedby={`${id}-${i}-at ${id}-${i}-name`}
                  disabled={disabled}
                  onClick={() => onRestore(backup)}
                >
                  {b.restore}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
