import type { EmployeeDetail } from '../../../preload/contract';
import type { EmployeeFieldsInput } from '../../../preload/schemas';

/** The form as typed: every text as a string, so the server sees exactly what was entered. */
export interface EmployeeFormValues {
  loginId: string;
  code: string;
  honorific: string;
  lastName: string;
  firstName: string;
  department: string;
  email1: string;
  email2: string;
  email3: string;
  recorderEnabled: boolean;
}

export type EmployeeTextField = Exclude<keyof EmployeeFormValues, 'recorderEnabled'>;

export const EMPTY_EMPLOYEE_FORM: EmployeeFormValues = {
  loginId: '', code: '', honorific: '', lastName: '', firstName: '', department: '',
  email1: '', email2: '', email3: '', recorderEnabled: true,
};

export function valuesFromDetail(d: EmployeeDetail): EmployeeFormValues {
  return {
    loginId: d.loginId, code: d.code, honorific: d.honorific, lastName: d.lastName, firstName: d.firstName,
    department: d.department, email1: d.email1 ?? '', email2: d.email2 ?? '', email3: d.email3 ?? '',
    recorderEnabled: d.recorderEnabled,
  };
}

/** An empty address slot is sent as '' and stored as "no address" by the schema. */
export const toEmployeeFields = (v: EmployeeFormValues): EmployeeFieldsInput => ({ ...v });
