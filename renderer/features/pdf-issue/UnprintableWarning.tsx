import { ja } from '../../../preload/i18n/ja';
import type { IssuePhase } from './use-pdf-issue';

const p = ja.pdfIssue;

/**
 * Before a notice with names (or 所属) its font cannot print is delivered: who, which characters, and
 * the choice — go on (the characters print as blanks or boxes) or stop and fix the names first.
 */
export function UnprintableWarning({ phase, onDecide }: { phase: IssuePhase; onDecide(go: boolean): void }) {
  if (phase.name !== 'confirming') return null;
  const company = phase.warnings.find((w) => w.employeeId === null);
  const employees = phase.warnings.filter((w) => w.employeeId !== null && w.characters.length > 0);
  const departments = phase.warnings.filter((w) => w.employeeId !== null && w.department);
  return (
    <div role="alert" className="notice notice-warning unprintable-warning" aria-labelledby="unprintable-title">
      <p id="unprintable-title"><strong>{p.unprintableTitle}</strong></p>
      {employees.length > 0 && <p>{p.unprintableNames(employees.map((w) => p.unprintableName(w.name, w.characters)))}</p>}
      {departments.length > 0 && (
        <p>{p.unprintableDepartments(departments.map((w) => p.unprintableDepartment(w.name, w.department!.text, w.department!.characters)))}</p>
      )}
      {company && <p>{p.unprintableCompany(company.name, company.characters)}</p>}
      <p>{p.unprintableHint}</p>
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={() => onDecide(true)}>{p.issueAnyway}</button>
        <button type="button" className="button" onClick={() => onDecide(false)}>{p.stopIssue}</button>
      </div>
    </div>
  );
}
