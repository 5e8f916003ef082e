import { useId, useState, type FormEvent } from 'react';
import { ja } from '../../../preload/i18n/ja';
import { FieldError } from '../../ui/FieldError';
import { TextField } from '../../ui/TextField';
import { EMPTY_DRAFT, NO_FILTER, toFilter, type AuditFilter, type AuditFilterDraft } from './audit-filter';

const a = ja.audit;
const ACTIONS = Object.values(a.actions);

/** 「期間」「操作」「対象社員」 and 「検索」: the log changes only when 「検索」 or 「クリア」 is pressed. */
export function AuditFilterForm({ onSearch }: { onSearch(filter: AuditFilter): void }) {
  const [draft, setDraft] = useState<AuditFilterDraft>(EMPTY_DRAFT);
  const [periodError, setPeriodError] = useState<string | null>(null);
  const id = useId();
  const change = (part: Partial<AuditFilterDraft>) => setDraft((d) => ({ ...d, ...part }));
  const errorId = `${id}-period-error`;

  function search(e: FormEvent) {
    e.preventDefault();
    const result = toFilter(draft);
    setPeriodError(result.ok ? null : result.periodError);
    if (result.ok) onSearch(result.filter);
  }

  function clear() {
    setDraft(EMPTY_DRAFT);
    setPeriodError(null);
    onSearch(NO_FILTER);
  }

  return (
    <form className="audit-filter" role="search" aria-label={a.filterLabel} onSubmit={search} noValidate>
      <fieldset className="audit-period">
        <legend className="field-label">{a.period}</legend>
        <div className="audit-period-inputs">
          <label htmlFor={`${id}-from`} className="audit-date-label">{a.from}</label>
          <input
            id={`${id}-from`}
            type="date"
            value={draft.fromDate}
            max={draft.toDate || undefined}
            onChange={(e) => change({ fromDate: e.target.value })}
          />
          <span aria-hidden="true">{a.periodSeparator}</span>
          <label htmlFor={`${id}-to`} className="audit-date-label">{a.to}</label>
          <input
            id={`${id}-to`}
            type="date"
            value={draft.toDate}
            min={draft.fromDate || undefined}
            onChange={(e) => change({ toDate: e.target.value })}
            aria-invalid={periodError ? true : undefined}
            aria-describedby={periodError ? errorId : undefined}
          />
        </div>
        <FieldError id={errorId} message={periodError ?? undefined} announce />
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-action`} className="field-label">{a.columns.action}</label>
        <select id={`${id}-action`} value={draft.action} onChange={(e) => change({ action: e.target.value })}>
          <option value="">{a.allActions}</option>
          {ACTIONS.map((name) => <option key={name} value={name}>{name}</option>)}
        </select>
      </div>
      <TextField
        label={a.columns.targets}
        hint={a.employeeHint}
        value={draft.employee}
        onChange={(employee) => change({ employee })}
        maxLength={64}
        className="audit-employee"
      />
      <div className="panel-actions audit-filter-actions">
        <button type="submit" className="button button-primary">{a.search}</button>
        <button type="button" className="button" onClick={clear}>{a.clear}</button>
      </div>
    </form>
  );
}
