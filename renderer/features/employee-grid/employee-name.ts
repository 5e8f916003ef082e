import type { EmployeeRow } from '../../../preload/contract';
import { fullName } from '../../../preload/domain-types';

/** 「弥生 憲司」; the 法人管理者 row shows its name as stored (often just 「法人管理者」). */
export const employeeName = (row: Pick<EmployeeRow, 'lastName' | 'firstName'>): string => fullName(row.lastName, row.firstName);
