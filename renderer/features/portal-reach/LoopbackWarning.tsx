import { useId } from 'react';
import { ja } from '../../../preload/i18n/ja';
import { useNavigationStore } from '../../stores/navigation-store';
import { usePortalReach } from './use-portal-reach';

const t = ja.portalReach;

/**
 * On the issue screens and the bulk confirmation: the URL about to be printed or mailed names
 * the machine it is opened on (127.0.0.1, localhost), so an employee's device would open
 * itself. A warning, not a refusal: on one machine (the demo) it works as it is.
 */
export function LoopbackWarning({ medium, offerSettings = true }: { medium: 'notice' | 'mail'; /** false inside a dialog */ offerSettings?: boolean }) {
  const reach = usePortalReach();
  const goTo = useNavigationStore((s) => s.goTo);
  const id = useId();
  if (!reach?.loopback) return null;
  return (
    <div role="note" className="notice notice-warning loopback-warning" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`}><strong>{t.warningTitle}</strong></p>
      <p>{t.warning(t.medium[medium], reach.url)}</p>
      <p>{t.wayOut}</p>
      {offerSettings && <button type="button" className="button button-small" onClick={() => goTo({ name: 'accountSettings' })}>{t.openSettings}</button>}
    </div>
  );
}
