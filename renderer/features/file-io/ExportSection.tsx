import { useId, useState, type FormEvent } from 'react';
import { ja } from '../../../preload/i18n/ja';
import { NO_FILTERS, useGridStore } from '../../stores/grid-store';
import { RadioGroup } from '../../ui/RadioGroup';
import { describeFilters } from '../employee-grid/search-condition';
import { UnencodableWarning } from './UnencodableWarning';
import { useCsvExport, type CsvEncoding, type ExportFilters, type ExportPhase } from './use-csv-export';

const f = ja.fileIo;
type Target = 'all' | 'filtered';

/** 「社員情報の一括ダウンロード」: every employee, or those the grid's search shows. */
export function ExportSection() {
  const query = useGridStore((s) => s.query);
  const total = useGridStore((s) => s.page?.total);
  const [target, setTarget] = useState<Target>('all');
  const [encoding, setEncoding] = useState<CsvEncoding>('sjis');
  const { phase, busy, run } = useCsvExport();
  const titleId = useId();

  // 「現在の検索結果」 exists only while the grid is narrowed by a search.
  const canFilter = describeFilters(query) !== null && total !== undefined;
  const chosen: Target = canFilter ? target : 'all';
  const filters: ExportFilters = chosen === 'filtered'
    ? { text: query.text, password: query.password, passcode: query.passcode, verification: query.verification }
    : NO_FILTERS;

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(encoding, filters);
  }

  function downloadUtf8() {
    setEncoding('utf8');
    void run('utf8', filters);
  }

  return (
    <section className="file-io-section" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">{f.exportTitle}</h2>
      <p className="file-io-lead">{f.exportLead}</p>
      <form className="file-io-form" onSubmit={submit} noValidate>
        <RadioGroup<Target>
          legend={f.target}
          value={chosen}
          onChange={setTarget}
          disabled={busy}
          options={[
            { value: 'all', label: f.targetAll },
            { value: 'filtered', label: f.targetFiltered(total ?? 0), disabled: !canFilter },
          ]}
        />
        <RadioGroup<CsvEncoding>
          legend={f.encoding}
          value={encoding}
          onChange={setEncoding}
          disabled={busy}
          options={[
            { value: 'sjis', label: f.exportEncoding.sjis },
            { value: 'utf8', label: f.exportEncoding.utf8 },
          ]}
        />
        <ul className="file-io-notes">
          {f.exportNotes.map((note) => <li key={note}>{note}</li>)}
        </ul>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy || undefined}>{f.download}</button>
        </div>
      </form>
      <ExportOutcome phase={phase} busy={busy} onDownloadUtf8={downloadUtf8} />
    </section>
  );
}

function ExportOutcome({ phase, busy, onDownloadUtf8 }: { phase: ExportPhase; busy: boolean; onDownloadUtf8(): void }) {
  switch (phase.name) {
    case 'idle':
      return null;
    case 'busy':
      return <p className="file-io-progress">{f.exporting}</p>;
    case 'done':
      return <p role="status" className="notice notice-success">{f.downloaded(phase.rows)}</p>;
    case 'unencodable':
      return <UnencodableWarning problems={phase.problems} onDownloadUtf8={onDownloadUtf8} busy={busy} />;
    case 'failed':
      return <p role="alert" className="notice notice-error">{phase.message}</p>;
  }
}
