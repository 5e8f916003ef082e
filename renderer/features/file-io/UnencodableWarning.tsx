import { ja } from '../../../preload/i18n/ja';
import type { UnencodableRows } from './use-csv-export';

const f = ja.fileIo;

interface UnencodableWarningProps {
  problems: UnencodableRows;
  onDownloadUtf8(): void;
  busy: boolean;
}

/** Shift_JIS cannot hold some characters: which rows, which characters, and UTF-8 in one press. */
export function UnencodableWarning({ problems, onDownloadUtf8, busy }: UnencodableWarningProps) {
  return (
    <div role="alert" className="notice notice-warning file-io-unencodable">
      <p>{f.unencodable}</p>
      <ul className="file-io-problem-list">
        {problems.map((p) => (
          <li key={p.line}>{f.unencodableRow(p.line, p.loginId, p.characters.join(f.characterSeparator))}</li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={onDownloadUtf8} disabled={busy}>{f.downloadUtf8}</button>
      </div>
    </div>
  );
}
