import { useId, useState, type FormEvent } from 'react';
import { ja } from '../../../preload/i18n/ja';
import { RadioGroup } from '../../ui/RadioGroup';
import { ImportPreviewPanel } from './ImportPreviewPanel';
import { ImportWarningDialog } from './ImportWarningDialog';
import { useCsvImport, type ImportEncoding, type ImportPattern } from './use-csv-import';

const f = ja.fileIo;
const ENCODINGS: readonly ImportEncoding[] = ['auto', 'sjis', 'utf8'];

/** 「社員情報の一括アップロード」: choose the layout, the encoding and the file, preview, import. */
export function ImportSection() {
  const [pattern, setPattern] = useState<ImportPattern>('pattern1');
  const [encoding, setEncoding] = useState<ImportEncoding>('auto');
  const [file, setFile] = useState<File | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const { state, preview, requestCommit, acceptWarnings, cancelWarnings, clear } = useCsvImport();
  const id = useId();
  const busy = state.busy !== null;

  // Another file, layout or encoding makes the preview shown a preview of something else.
  function changed(apply: () => void) {
    apply();
    setMissingFile(false);
    clear();
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) {
      clear();
      setMissingFile(true);
      return;
    }
    setMissingFile(false);
    void preview(file, pattern, encoding);
  }

  return (
    <section className="file-io-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">{f.importTitle}</h2>
      <p className="file-io-lead">{f.importLead}</p>
      <form className="file-io-form" onSubmit={submit} noValidate>
        <RadioGroup<ImportPattern>
          legend={f.format}
          value={pattern}
          onChange={(p) => changed(() => setPattern(p))}
          disabled={busy}
          className="choice-group-stacked"
          options={[
            { value: 'pattern1', label: ja.csv.pattern1, description: f.patternDescription.pattern1 },
            { value: 'pattern2', label: ja.csv.pattern2, description: f.patternDescription.pattern2 },
          ]}
        />
        <div className="file-io-row">
          <label htmlFor={`${id}-encoding`} className="file-io-label">{f.encoding}</label>
          <select id={`${id}-encoding`} value={encoding} disabled={busy} onChange={(e) => changed(() => setEncoding(e.target.value as ImportEncoding))}>
            {ENCODINGS.map((enc) => <option key={enc} value={enc}>{f.importEncoding[enc]}</option>)}
          </select>
        </div>
        <div className="file-io-row">
          <label htmlFor={`${id}-file`} className="file-io-label">{f.file}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv"
            disabled={busy}
            aria-invalid={missingFile || undefined}
            onChange={(e) => changed(() => setFile(e.target.files?.[0] ?? null))}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy} aria-busy={state.busy === 'preview' || undefined}>{f.preview}</button>
        </div>
      </form>
      {missingFile && <p role="alert" className="notice notice-error">{f.noFile}</p>}
      {state.busy === 'preview' && <p className="file-io-progress">{f.previewing}</p>}
      {state.error && <p role="alert" className="notice notice-error">{state.error}</p>}
      {state.result && <p role="status" className="notice notice-success">{f.imported(state.result.created, state.result.updated)}</p>}
      {state.preview && <ImportPreviewPanel preview={state.preview} committing={state.busy === 'commit'} onCommit={requestCommit} />}
      {state.confirming && state.preview && (
        <ImportWarningDialog warnings={state.preview.warnings} onAccept={acceptWarnings} onCancel={cancelWarnings} />
      )}
    </section>
  );
}
