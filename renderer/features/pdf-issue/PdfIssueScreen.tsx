import { useCallback, useEffect, useState } from 'react';
import type { EmployeeDetail, IssueKind } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { describeError } from '../../api/describe-error';
import { adminApi } from '../../api/session-guard';
import { useGridStore } from '../../stores/grid-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { employeeName } from '../employee-grid/employee-name';
import { DeliveryButtons } from './DeliveryButtons';
import { IssueProgress } from './IssueProgress';
import { LoopbackWarning } from '../portal-reach/LoopbackWarning';
import { UnprintableWarning } from './UnprintableWarning';
import { usePdfIssue, type IssueAction, type IssuePhase } from './use-pdf-issue';

const p = ja.pdfIssue;

type Loaded = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'loaded'; employee: EmployeeDetail };

const statusOf = (e: EmployeeDetail, kind: IssueKind) =>
  kind === 'password' ? ja.status.password[e.password] : ja.status.passcode[e.passcode];
const kindLabel = (kind: IssueKind) => (kind === 'password' ? ja.employeeForm.password : ja.employeeForm.passcode);

interface PdfIssueScreenProps {
  kind: IssueKind;
  employeeId: number;
  /** from マイページ編集's 「再発行」: the wording says the secret in force is replaced */
  reissue: boolean;
}

/** 「パスワード発行」/「パスコード発行」 by PDF for one employee (SPEC §5, §7). */
export function PdfIssueScreen({ kind, employeeId, reissue }: PdfIssueScreenProps) {
  const goTo = useNavigationStore((s) => s.goTo);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const { phase, busy, run, decide } = usePdfIssue(kind);

  const load = useCallback(async () => {
    try {
      const employee = await adminApi['employees.get']({ id: employeeId });
      setLoaded({ status: 'loaded', employee });
    } catch (e) {
      setLoaded({ status: 'failed', message: describeError(e).message });
    }
  }, [employeeId]);

  useEffect(() => {
    void load();
  }, [load]);

  async function issue(action: IssueAction) {
    const result = await run({ kind, mode: 'individual', ids: [employeeId] }, action);
    if (result?.rows[0]?.outcome === 'success') {
      // The screen shows the new status; the grid is current when the administrator returns.
      void load();
      void useGridStore.getState().fetch();
    }
  }

  const back = () => goTo({ name: 'employees' });
  const titleId = 'pdf-issue-title';

  return (
    <section className="screen pdf-issue-screen" aria-labelledby={titleId}>
      <div className="screen-header">
        <h1 id={titleId} className="screen-title">{p.title[kind]}</h1>
      </div>
      {loaded.status === 'loading' && <p className="app-loading-inline">{ja.app.loading}</p>}
      {loaded.status === 'failed' && (
        <>
          <p role="alert" className="notice notice-error">{loaded.message}</p>
          <button type="button" className="button" onClick={back}>{p.back}</button>
        </>
      )}
      {loaded.status === 'loaded' && (
        <div className="issue-panel">
          <p className="issue-lead">
            {(reissue ? p.reissueLead : p.lead)[kind](loaded.employee.loginId, employeeName(loaded.employee))}
          </p>
          <p className="issue-status">{p.issueStatus(statusOf(loaded.employee, kind))}</p>
          {reissue && <p className="issue-warning issue-warning-strong">{p.reissueWarning[kind]}</p>}
          <p className="issue-warning">{p.notKept[kind]}</p>
          <LoopbackWarning medium="notice" />
          <IssueProgress phase={phase} showBar={false} />
          <UnprintableWarning phase={phase} onDecide={decide} />
          <Outcome phase={phase} kind={kind} employee={loaded.employee} />
          <div className="form-actions">
            {!(phase.name === 'done' && phase.result.rows[0]?.outcome === 'success') && (
              <DeliveryButtons onPress={(a) => void issue(a)} disabled={busy} />
            )}
            <button type="button" className="button" onClick={back}>{p.back}</button>
          </div>
        </div>
      )}
    </section>
  );
}

/** The result: success names the employee and the new status; a failure shows the row's 備考. */
function Outcome({ phase, kind, employee }: { phase: IssuePhase; kind: IssueKind; employee: EmployeeDetail }) {
  if (phase.name === 'failed') return <p role="alert" className="notice notice-error">{phase.message}</p>;
  if (phase.name !== 'done') return null;
  const row = phase.result.rows[0];
  if (!row) return null;
  if (row.outcome !== 'success') return <p role="alert" className="notice notice-error">{row.note}</p>;
  const who = p.who(row.loginId || employee.loginId, row.name || employeeName(employee));
  const issued = kind === 'password' ? ja.status.password.issued : ja.status.passcode.issued;
  return (
    <p role="status" className="notice notice-success">
      {p.succeeded[phase.way](who)}{p.statusAfter(kindLabel(kind), issued)}
    </p>
  );
}
