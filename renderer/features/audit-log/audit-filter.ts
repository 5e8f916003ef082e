/**
 * The 操作ログ's search conditions: as the form holds them (dates as <input type="date">
 * gives them, YYYY-MM-DD or ''), and as the server takes them (epoch ms, local midnight;
 * the end date is inclusive, so `to` is the next day's midnight, exclusive).
 */
import { ja } from '../../../preload/i18n/ja';

export interface AuditFilterDraft {
  fromDate: string;
  toDate: string;
  /** '' is 「すべて」 */
  action: string;
  employee: string;
}

export interface AuditFilter {
  from: number | null;
  to: number | null;
  action: string | null;
  employee: string | null;
}

export const EMPTY_DRAFT: AuditFilterDraft = { fromDate: '', toDate: '', action: '', employee: '' };
export const NO_FILTER: AuditFilter = { from: null, to: null, action: null, employee: null };

/** Local midnight of YYYY-MM-DD plus some days; null for '' (or anything else). */
export function localMidnight(date: string, plusDays = 0): number | null {
  const m = /^(\d{4,})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const d = new Date(0);
  // setFullYear, not new Date(y, …): years below 100 stay what they are.
  d.setFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays);
  d.setHours(0, 0, 0, 0);
  return Math.max(0, d.getTime());
}

export type FilterResult = { ok: true; filter: AuditFilter } | { ok: false; periodError: string };

export function toFilter(draft: AuditFilterDraft): FilterResult {
  const from = localMidnight(draft.fromDate);
  const to = localMidnight(draft.toDate, 1);
  if (from !== null && to !== null && to <= from) return { ok: false, periodError: ja.audit.periodReversed };
  const employee = draft.employee.trim();
  return {
    ok: true,
    filter: { from, to, action: draft.action === '' ? null : draft.action, employee: employee === '' ? null : employee },
  };
}
