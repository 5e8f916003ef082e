import { describe, expect, it } from 'vitest';
import type { EmployeeRow } from '../../preload/contract';
import type { GridQuery } from '../../preload/schemas';
import {
  bulkIssuable, deletable, NO_SELECTION, orderedSelection, selectionAfter, toggled, viewOf, withPage,
} from '../../renderer/stores/grid-selection';

const row = (id: number, o: Partial<EmployeeRow> = {}): EmployeeRow => ({
  id, code: String(1000 + id), lastName: `社員${id}`, firstName: '', loginId: `e${id}`, department: '', recorderEnabled: true,
  isCompanyAdmin: false, password: 'unissued', verification: 'none', passcode: 'unissued', verificationSentAt: null,
  verificationExpiresAt: null, lastLoginAt: null, addressCount: 0, locked: false, bulkIssuable: true, ...o,
});
const query = (o: Partial<GridQuery> = {}): GridQuery => ({
  page: 1, pageSize: 20, sort: 'code', direction: 'asc', text: '', password: [], passcode: [], verification: [], ...o,
});
const page1 = [row(1), row(2), row(3)];
const page2 = [row(4), row(5)];

describe('the grid\'s selection', () => {
  const ticked = toggled(toggled(NO_SELECTION, page1[0]!), page1[2]!);
  const before = viewOf(query(), 5, page1);

  it('lives while paging and sorting within one search, with the rows\' fresh data', () => {
    const next = selectionAfter(ticked, before, viewOf(query({ page: 2 }), 5, page2), page2);
    expect([...next.keys()]).toEqual([1, 3]);
    const sorted = [row(3, { password: 'issued', bulkIssuable: false }), row(2), row(1)];
    const resorted = selectionAfter(next, viewOf(query({ page: 2 }), 5, page2), viewOf(query({ direction: 'desc' }), 5, sorted), sorted);
    expect(resorted.get(3)!.password).toBe('issued');
    expect(bulkIssuable([...resorted.values()]).map((r) => r.id)).toEqual([1]);
  });

  it('ends with another search, another number of rows, or other rows on the same page', () => {
    expect(selectionAfter(ticked, before, viewOf(query({ text: '大阪' }), 5, page1), page1).size).toBe(0);
    expect(selectionAfter(ticked, before, viewOf(query(), 6, page1), page1).size).toBe(0);
    const swapped = [row(1), row(2), row(9)];
    expect(selectionAfter(ticked, before, viewOf(query(), 5, swapped), swapped).size).toBe(0);
    expect(selectionAfter(ticked, before, viewOf(query(), 5, page1), page1).size).toBe(2); // the same rows again
  });

  it('lists the page shown first in its order, then the other pages\' rows as ticked; counts only what each button acts on', () => {
    const admin = row(9, { isCompanyAdmin: true, password: 'issued', bulkIssuable: false });
    const across = withPage(toggled(toggled(NO_SELECTION, page2[1]!), admin), page1, true);
    expect(orderedSelection(across, page1).map((r) => r.id)).toEqual([1, 2, 3, 5, 9]);
    expect(deletable([...across.values()]).map((r) => r.id)).toEqual([5, 1, 2, 3]);
    expect(withPage(across, page1, false).size).toBe(2);
  });
});
