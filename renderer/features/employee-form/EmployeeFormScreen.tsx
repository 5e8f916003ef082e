import { ja } from '../../../preload/i18n/ja';
import { useNavigationStore } from '../../stores/navigation-store';
import { employeeName } from '../employee-grid/employee-name';
import { EmployeeForm } from './EmployeeForm';
import { useEmployeeDetail } from './use-employee-detail';

const f = ja.employeeForm;

/** 社員新規登録 (employeeId null) or マイページ編集 of one employee. */
export function EmployeeFormScreen({ employeeId }: { employeeId: number | null }) {
  const goTo = useNavigationStore((s) => s.goTo);
  const detail = useEmployeeDetail(employeeId);
  const back = () => goTo({ name: 'employees' });
  // マイページ編集 names whose page it is, once loaded (「田所 耕太郎さん マイページ編集」)
  const title = employeeId === null
    ? f.createTitle
    : detail.status === 'loaded' && detail.employee ? f.editTitleOf(employeeName(detail.employee)) : f.editTitle;

  return (
    <section className="screen employee-form-screen" aria-labelledby="employee-form-title">
      <div className="screen-header">
        <h1 id="employee-form-title" className="screen-title">{title}</h1>
      </div>
      {detail.status === 'loading' && <p className="app-loading-inline">{ja.app.loading}</p>}
      {detail.status === 'failed' && (
        <>
          <p role="alert" className="notice notice-error">{detail.message}</p>
          <button type="button" className="button" onClick={back}>{f.back}</button>
        </>
      )}
      {detail.status === 'loaded' && <EmployeeForm employee={detail.employee} onBack={back} />}
    </section>
  );
}
