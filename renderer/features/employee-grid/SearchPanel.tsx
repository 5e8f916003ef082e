import { useState, type FormEvent } from 'react';
import type { NotifyMethod } from '../../../preload/domain-types';
import { PASSCODE_STATUSES, PASSWORD_STATUSES, VERIFICATION_STATUSES } from '../../../preload/domain-types';
import { ja } from '../../../preload/i18n/ja';
import { NO_FILTERS, useGridStore, type GridFilters } from '../../stores/grid-store';
import { TextField } from '../../ui/TextField';
import { CheckboxGroup } from './CheckboxGroup';

const s = ja.search;

/** 「社員検索」: edits a draft; the grid changes only on 「検索」 or 「クリア」. */
export function SearchPanel({ notifyMethod, onClose }: { notifyMethod: NotifyMethod; onClose(): void }) {
  const query = useGridStore((st) => st.query);
  const applyFilters = useGridStore((st) => st.applyFilters);
  const [draft, setDraft] = useState<GridFilters>({
    text: query.text, password: query.password, passcode: query.passcode, verification: query.verification, mailError: query.mailError ?? false,
  });
  const change = (part: Partial<GridFilters>) => setDraft((d) => ({ ...d, ...part }));

  function search(e: FormEvent) {
    e.preventDefault();
    applyFilters(notifyMethod === 'mail' ? draft : { ...draft, verification: [], mailError: false });
    onClose();
  }

  function clear() {
    setDraft(NO_FILTERS);
    applyFilters(NO_FILTERS);
  }

  return (
    <section className="search-panel" aria-labelledby="search-panel-title">
      <h2 id="search-panel-title" className="panel-title">{s.title}</h2>
      <form onSubmit={search} noValidate>
        <TextField label={s.text} value={draft.text} onChange={(text) => change({ text })} className="search-text" autoFocus />
        <div className="search-groups">
          <CheckboxGroup legend={s.byPassword} options={PASSWORD_STATUSES} labels={ja.status.password} selected={draft.password} onChange={(password) => change({ password })} />
          <CheckboxGroup legend={s.byPasscode} options={PASSCODE_STATUSES} labels={ja.status.passcode} selected={draft.passcode} onChange={(passcode) => change({ passcode })} />
          {notifyMethod === 'mail' && (
            <CheckboxGroup legend={s.byVerification} options={VERIFICATION_STATUSES} labels={ja.status.verificationFilter} selected={draft.verification} onChange={(verification) => change({ verification })} />
          )}
          {notifyMethod === 'mail' && (
            <CheckboxGroup
              legend={ja.bounce.filterLegend} options={['only'] as const} labels={{ only: ja.bounce.filterOption }}
              selected={draft.mailError ? ['only'] : []} onChange={(v) => change({ mailError: v.length > 0 })}
            />
          )}
        </div>
        <div className="panel-actions">
          <button type="submit" className="button button-primary">{s.submit}</button>
          <button type="button" className="button" onClick={clear}>{s.clear}</button>
          <button type="button" className="button button-quiet" onClick={onClose}>{s.close}</button>
        </div>
      </form>
    </section>
  );
}
