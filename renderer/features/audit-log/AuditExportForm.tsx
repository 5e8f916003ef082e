import { useId, useState, type FormEvent } from 'react';
import { ja } from '../../../preload/i18n/ja';
import type { AuditFilter } from './audit-filter';
import { useAuditExport, type AuditEncoding, type AuditExportPhase } from './use-audit-export';

const a = ja.audit;
const ENCODINGS: readonly AuditEncoding[] = ['utf8', 'sjis'];

/** 「CSVダウンロード」 of what the search shows (every page), UTF-8 with BOM unless Shift_JIS is chosen. */
export function AuditExportForm({ filter }: { filter: AuditFilter }) {
  const [encoding, setEncoding] = useState<AuditEncoding>('utf8');
  const { phase, busy, run } = useAuditExport();
  const selectId = useId();

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(filter, encoding);
  }

  return (
    <div className="audit-export">
      <form className="audit-export-form" aria-label={a.exportLabel} onSubmit={submit} noValidate>
        <label htmlFor={selectId} className="audit-export-label">{a.encoding}</label>
        <select
          id={selectId}
          value={encoding}
          disabled={busy}
          onChange={(e) => setEncoding(ENCODINGS.find((x) => x === e.target.value) ?? 'utf8')}
        >
          {ENCODINGS.map((x) => <option key={x} value={x}>{a.encodings[x]}</option>)}
        </select>
        <button type="submit" className="button" disabled={busy} aria-busy={busy || undefined}>{a.download}</button>
      </form>
      <ExportOutcome phase={phase} />
    </div>
  );
}

function ExportOutcome({ phase }: { phase: AuditExportPhase }) {
  switch (phase.name) {
    case 'idle':
      return null;
    case 'busy':
      return <p className="audit-export-progress">{a.exporting}</p>;
    case 'done':
      return (
        <p role="status" className="notice notice-success">
          {a.downloaded(phase.rows, phase.fileName)}
          {phase.sjisFellBack && <>{' '}{a.sjisFallback}</>}
        </p>
      );
    case 'failed':
      return <p role="alert" className="notice notice-error">{phase.message}</p>;
  }
}
