import { useEffect, useState } from 'react';
import type { EmployeeDetail } from '../../../preload/contract';
import { describeError } from '../../api/describe-error';
import { adminApi } from '../../api/session-guard';

export type DetailState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'loaded'; employee: EmployeeDetail | null };

/** The employee being edited (null for 社員新規登録, which needs nothing loaded). */
export function useEmployeeDetail(employeeId: number | null): DetailState {
  const [state, setState] = useState<DetailState>(
    employeeId === null ? { status: 'loaded', employee: null } : { status: 'loading' },
  );

  useEffect(() => {
    if (employeeId === null) return;
    let current = true;
    adminApi['employees.get']({ id: employeeId }).then(
      (employee) => current && setState({ status: 'loaded', employee }),
      (e: unknown) => current && setState({ status: 'failed', message: describeError(e).message }),
    );
    return () => {
      current = false;
    };
  }, [employeeId]);

  return state;
}
