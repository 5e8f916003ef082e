import { ja } from '../../../preload/i18n/ja';
import type { GridFilters } from '../../stores/grid-store';

const g = ja.grid;

/** 「認証状態:未 パスワード:未発行・発行中」, or null when nothing narrows the grid. */
export function describeFilters(filters: GridFilters): string | null {
  const item = (label: string, values: readonly string[]) =>
    values.length > 0 ? g.conditionItem(label, values.join(g.conditionValueSeparator)) : null;
  const items = [
    filters.text ? g.conditionItem(ja.search.keywordLabel, filters.text) : null,
    item(g.columns.password, filters.password.map((s) => ja.status.password[s])),
    item(g.columns.passcode, filters.passcode.map((s) => ja.status.passcode[s])),
    item(g.columns.verification, filters.verification.map((s) => ja.status.verificationFilter[s])),
    filters.mailError ? g.conditionItem(ja.bounce.failed, ja.bounce.condition) : null,
  ].filter((i): i is string => i !== null);
  return items.length > 0 ? items.join(g.conditionItemSeparator) : null;
}
