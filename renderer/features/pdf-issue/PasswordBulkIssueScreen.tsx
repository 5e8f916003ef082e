import { useMemo, useState } from 'react';
import type { EmployeeRow, IssueResult } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { useGridStore } from '../../stores/grid-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { SelectAllCheckbox } from '../../ui/SelectAllCheckbox';
import { employeeName } from '../employee-grid/employee-name';
import { RecorderCell } from '../employee-grid/StatusCells';
import { BulkResultDialog } from './BulkResultDialog';
import { DeliveryButtons } from './DeliveryButtons';
import { IssueProgress } from './IssueProgress';
import { LoopbackWarning } from '../portal-reach/LoopbackWarning';
import { UnprintableWarning } from './UnprintableWarning';
import { usePdfIssue, type IssueAction } from './use-pdf-issue';

const p = ja.pdfIssue;
const c = ja.grid.columns;

/** Bulk PDF issue takes 未発行 rows only; the others are listed and come back as 対象外. */
const eligible = (row: EmployeeRow) => row.password === 'unissued';

/**
 * 「パスワード一括発行」 (PDF): the rows selected in the grid, every one listed; the 未発行
 * ones ticked (untick to leave someone out), the others shown unticked with their status.
 */
export function PasswordBulkIssueScreen({ rows }: { rows: readonly EmployeeRow[] }) {
  const goTo = useNavigationStore((s) => s.goTo);
  const [ticked, setTicked] = useState<ReadonlySet<number>>(() => new Set(rows.filter(eligible).map((r) => r.id)));
  const [result, setResult] = useState<IssueResult | null>(null);
  const { phase, busy, run, decide } = usePdfIssue('password');
  const eligibleIds = useMemo(() => rows.filter(eligible).map((r) => r.id), [rows]);

  function toggle(id: number) {
    setTicked((t) => {
      const next = new Set(t);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }

  async function issue(action: IssueAction) {
    // The ticked rows plus the selected-but-not-eligible ones: the server decides, and
    // the result lists the latter as 対象外 with its reason.
    const ids = rows.filter((r) => ticked.has(r.id) || !eligible(r)).map((r) => r.id);
    const done = await run({ kind: 'password', mode: 'bulk', ids }, action, ticked.size);
    if (done) setResult(withNames(done, rows));
  }

  function finish() {
    const grid = useGridStore.getState();
    grid.clearSelection();
    void grid.fetch();
    goTo({ name: 'employees' });
  }

  const back = () => goTo({ name: 'employees' });
  const titleId = 'bulk-issue-title';

  return (
    <section className="screen pdf-bulk-screen" aria-labelledby={titleId}>
      <div className="screen-header">
        <h1 id={titleId} className="screen-title">{p.bulkTitle}</h1>
      </div>
      <div className="issue-panel">
        <p className="issue-lead">{p.bulkLead}</p>
        {rows.length === 0 ? (
          <p className="notice notice-info">{p.bulkNothingSelected}</p>
        ) : (
          <>
            <p className="issue-hint">{p.bulkHint}</p>
            <p className="issue-warning">{p.notKept.password}</p>
            <LoopbackWarning medium="notice" />
            <div className="table-scroll bulk-table-scroll">
              <table className="employee-table bulk-table" aria-label={p.bulkTableLabel}>
                <thead>
                  <tr>
                    <th scope="col" className="col-select">
                      <SelectAllCheckbox eligibleIds={eligibleIds} ticked={ticked} disabled={busy} onChange={setTicked} label={p.bulkSelectAll} />
                    </th>
                    <th scope="col">{c.recorder}</th>
                    <th scope="col">{c.loginId}</th>
                    <th scope="col">{c.name}</th>
                    <th scope="col">{c.password}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => {
                    const ok = eligible(row);
                    const name = employeeName(row);
                    return (
                      <tr key={row.id} className={ok ? (ticked.has(row.id) ? 'row-selected' : undefined) : 'row-excluded'}>
                        <td className="col-select">
                          <input
                            type="checkbox"
                            checked={ok && ticked.has(row.id)}
                            disabled={!ok || busy}
                            onChange={() => toggle(row.id)}
                            aria-label={p.bulkSelectRow(name)}
                          />
                        </td>
                        <td><RecorderCell row={row} /></td>
                        <td className="col-loginId">{row.loginId}</td>
                        <td>{name}</td>
                        <td>
                          <span className={`status status-password-${row.password}`}>{ja.status.password[row.password]}</span>
                          {!ok && <span className="excluded-mark">{p.excluded}</span>}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
        <IssueProgress phase={phase} showBar />
        <UnprintableWarning phase={phase} onDecide={decide} />
        {phase.name === 'failed' && <p role="alert" className="notice notice-error">{phase.message}</p>}
        <div className="form-actions">
          <button type="button" className="button" onClick={back}>{p.back}</button>
          <DeliveryButtons onPress={(a) => void issue(a)} disabled={busy || ticked.size === 0} count={ticked.size} />
        </div>
      </div>
      {result && <BulkResultDialog result={result} onClose={finish} />}
    </section>
  );
}

/** Rows the server no longer found come back nameless; the grid's snapshot still knows them. */
function withNames(result: IssueResult, rows: readonly EmployeeRow[]): IssueResult {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    ...result,
    rows: result.rows.map((r) => {
      const known = byId.get(r.employeeId);
      return known && !r.loginId ? { ...r, loginId: known.loginId, name: employeeName(known) } : r;
    }),
  };
}
