import type { GridPage } from '../../../preload/contract';
import type { VerificationStatus } from '../../../preload/domain-types';
import { ja } from '../../../preload/i18n/ja';
import { LinkButton } from '../../ui/LinkButton';

/** The statuses the panel counts, in the order of the source screens (「-」 is not one). */
const COUNTED: readonly VerificationStatus[] = ['none', 'waiting', 'expired', 'verified', 'done'];

/** 「未: 12件」…「済: 1件」, each a link that narrows the grid to that 認証状態. */
export function AggregatePanel({ page, onPick, onPickBounced }: { page: GridPage; onPick(status: VerificationStatus): void; onPickBounced(): void }) {
  return (
    <ul className="aggregate-panel" id="verification-aggregate">
      {COUNTED.map((status) => (
        <li key={status}>
          <LinkButton onClick={() => onPick(status)}>
            {ja.grid.aggregateCount(ja.status.verificationAggregate[status], page.verificationCounts[status])}
          </LinkButton>
        </li>
      ))}
      {/* mails that came back undelivered (送信エラーの確認): a filter like the others */}
      <li className="aggregate-bounced">
        <LinkButton onClick={onPickBounced}>{ja.bounce.aggregate(page.bounceCount ?? 0)}</LinkButton>
      </li>
    </ul>
  );
}

/** 「認証状態の集計情報を 表示」, the link toggling to 「非表示」. */
export function AggregateToggle({ open, onToggle }: { open: boolean; onToggle(): void }) {
  return (
    <span className="aggregate-toggle">
      {ja.grid.aggregateLabel}{' '}
      <LinkButton aria-expanded={open} aria-controls="verification-aggregate" onClick={onToggle}>
        {open ? ja.grid.aggregateHide : ja.grid.aggregateShow}
      </LinkButton>
    </span>
  );
}
