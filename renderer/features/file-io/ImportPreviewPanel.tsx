import type { ImportPreview } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { ImportPreviewTable } from './ImportPreviewTable';

const f = ja.fileIo;

interface ImportPreviewPanelProps {
  preview: ImportPreview;
  committing: boolean;
  onCommit(): void;
}

/** The preview: counts, the encoding read, the rows, and 「取り込む」 unless an error blocks it. */
export function ImportPreviewPanel({ preview, committing, onCommit }: ImportPreviewPanelProps) {
  const { counts } = preview;
  const nothingChanges = preview.previewId !== null && counts.create + counts.update === 0;
  return (
    <div className="import-preview">
      <div role="status" className="import-summary">
        <p className="import-counts">{f.summary(counts.create, counts.update, counts.unchanged, counts.errors)}</p>
        <p className="import-encoding">{f.detectedEncoding(f.encodingName[preview.encoding])}</p>
      </div>
      <ImportPreviewTable rows={preview.rows} />
      {preview.previewId === null ? (
        <p role="alert" className="notice notice-error">{f.blocked}</p>
      ) : (
        <>
          {nothingChanges && <p className="notice notice-info">{f.nothingChanges}</p>}
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={onCommit} disabled={committing} aria-busy={committing || undefined}>
              {f.commit}
            </button>
          </div>
          {committing && <p className="file-io-progress">{f.committing}</p>}
        </>
      )}
    </div>
  );
}
