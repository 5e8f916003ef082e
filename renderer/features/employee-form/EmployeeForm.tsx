import { useState, type FormEvent } from 'react';
import type { EmployeeDetail, IssueKind } from '../../../preload/contract';
import { EMAIL_SLOTS } from '../../../preload/domain-types';
import { ja } from '../../../preload/i18n/ja';
import { describeError, type ErrorDetails } from '../../api/describe-error';
import { adminApi } from '../../api/session-guard';
import { useFlashStore } from '../../stores/flash-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/TextField';
import { AccountStatusList } from './AccountStatusList';
import { DuplicateWarningDialog } from './DuplicateWarningDialog';
import { useDuplicateCheckedSave } from './use-duplicate-checked-save';
import {
  EMPTY_EMPLOYEE_FORM, toEmployeeFields, valuesFromDetail, type EmployeeFormValues, type EmployeeTextField,
} from './employee-form-values';
import { RecorderRadios } from './RecorderRadios';

const f = ja.employeeForm;

interface EmployeeFormProps {
  /** null: 社員新規登録 */
  employee: EmployeeDetail | null;
  onBack(): void;
}

export function EmployeeForm({ employee, onBack }: EmployeeFormProps) {
  const goTo = useNavigationStore((s) => s.goTo);
  const showFlash = useFlashStore((s) => s.show);
  const [values, setValues] = useState<EmployeeFormValues>(employee ? valuesFromDetail(employee) : EMPTY_EMPLOYEE_FORM);
  // errors of this form's own calls (ロック解除, 再発行); the save's come from useDuplicateCheckedSave
  const [ownError, setError] = useState<ErrorDetails | null>(null);
  // The status facts shown above the form; 「ロック解除」 refreshes them without touching the typing.
  const [facts, setFacts] = useState<EmployeeDetail | null>(employee);
  // the row version the form's content was loaded at: a save names it
  const [version, setVersion] = useState(employee?.version ?? 0);

  async function unlock() {
    if (!facts) return;
    try {
      setFacts(await adminApi['employees.unlock']({ id: facts.id }));
      showFlash(f.unlocked);
    } catch (e) {
      setError(describeError(e));
    }
  }
  /**
   * 「再発行」 (SPEC §7): a password goes by the company's 通知手段, asked at the press so a
   * change made meanwhile counts — mail: the mail screen; PDF (and passcodes): the PDF screen.
   */
  async function reissue(kind: IssueKind) {
    if (!facts) return;
    if (kind === 'password') {
      try {
        const { notifyMethod } = await adminApi['settings.get'](undefined);
        if (notifyMethod === 'mail') {
          goTo({ name: 'mailIssue', employeeId: facts.id });
          return;
        }
      } catch (e) {
        setError(describeError(e));
        return;
      }
    }
    goTo({ name: 'pdfIssue', kind, employeeId: facts.id, reissue: true });
  }
  const saving = useDuplicateCheckedSave(
    (acceptDuplicateWarnings) => {
      const input = { ...toEmployeeFields(values), acceptDuplicateWarnings };
      return employee ? adminApi['employees.update']({ ...input, id: employee.id, version }) : adminApi['employees.create'](input);
    },
    () => {
      goTo({ name: 'employees' });
      showFlash(employee ? f.updated : f.created);
    },
    // another screen saved first: show what it saved (the typing here is replaced, as the message says)
    employee ? async () => {
      const latest = await adminApi['employees.get']({ id: employee.id });
      setValues(valuesFromDetail(latest));
      setFacts(latest);
      setVersion(latest.version);
    } : undefined,
  );
  const { busy, warnings } = saving;
  const error = saving.error ?? ownError;

  function submit(e: FormEvent) {
    e.preventDefault();
    saving.save();
  }

  const text = (key: EmployeeTextField, label: string, extra: { isRequired?: boolean; inputMode?: 'email'; autoComplete?: string } = {}) => (
    <TextField
      label={label}
      value={values[key]}
      onChange={(value) => setValues((v) => ({ ...v, [key]: value }))}
      error={error?.fieldErrors[key]}
      className={`field-${key}`}
      {...extra}
    />
  );

  return (
    <>
      <ErrorSummary error={error} />
      <form className="employee-form" onSubmit={submit} noValidate>
        {facts && (
          <AccountStatusList
            employee={facts}
            onUnlock={() => void unlock()}
            onReissue={(kind) => void reissue(kind)}
          />
        )}
        <div className="form-grid">
          {text('loginId', f.loginId, { isRequired: true, autoComplete: 'off' })}
          {text('code', f.code, { autoComplete: 'off' })}
          <fieldset className="field name-group">
            <legend className="field-label">{f.name}</legend>
            <div className="name-fields">
              {text('lastName', f.lastName, { isRequired: true })}
              {text('firstName', f.firstName)}
              {text('honorific', f.honorific)}
            </div>
          </fieldset>
          {text('department', f.department)}
          {EMAIL_SLOTS.map((n) => (
            <div key={n} className="email-field">{text(`email${n}`, f.email(n), { inputMode: 'email', autoComplete: 'off' })}</div>
          ))}
          <RecorderRadios
            enabled={values.recorderEnabled}
            onChange={(recorderEnabled) => setValues((v) => ({ ...v, recorderEnabled }))}
            error={error?.fieldErrors.recorderEnabled}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>{employee ? f.update : f.save}</button>
          <button type="button" className="button" onClick={onBack}>{f.back}</button>
        </div>
      </form>
      {warnings && <DuplicateWarningDialog warnings={warnings} onAccept={saving.accept} onCancel={saving.dismiss} />}
    </>
  );
}
