import { ja } from '../../../preload/i18n/ja';
import { NO_FILTERS, useGridStore } from '../../stores/grid-store';
import { LinkButton } from '../../ui/LinkButton';
import { describeFilters } from './search-condition';

/** 「検索条件 (認証状態:未)」 with a way back to the whole list. */
export function SearchConditionBar() {
  const query = useGridStore((s) => s.query);
  const applyFilters = useGridStore((s) => s.applyFilters);
  const description = describeFilters(query);
  if (!description) return null;
  return (
    <p className="search-condition">
      <span>{ja.grid.searchCondition(description)}</span>
      <LinkButton onClick={() => applyFilters(NO_FILTERS)}>{ja.grid.clearCondition}</LinkButton>
    </p>
  );
}
