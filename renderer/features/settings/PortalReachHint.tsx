import type { Settings } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';

const t = ja.portalReach;

interface PortalReachHintProps {
  settings: Settings;
  /** puts a proposed URL into 社員がアクセスするURL (saved with 「ポータル設定を保存」) */
  onUse(url: string): void;
}

/**
 * Under 社員がアクセスするURL: when it is blank, the loopback URL notices would carry and this
 * machine's LAN addresses to use instead; when it names this machine itself, a warning.
 */
export function PortalReachHint({ settings, onUse }: PortalReachHintProps) {
  const reach = settings.portalReach;
  if (!reach.loopback) return null;
  if (settings.portal.baseUrl !== '') {
    return <p role="note" className="notice notice-warning portal-reach">{t.configuredLoopback(reach.url)}</p>;
  }
  return (
    <section className="notice notice-warning portal-reach" aria-labelledby="portal-reach-title">
      <p id="portal-reach-title"><strong>{t.proposalTitle}</strong></p>
      <p>{t.blankPrinted(reach.url)}</p>
      {reach.listenLoopback && <p>{t.listenLoopback(reach.listenHost)}</p>}
      {!reach.listenLoopback && reach.proposals.length === 0 && <p>{t.noLan}</p>}
      {reach.proposals.length > 0 && (
        <>
          <p>{t.proposalLead}</p>
          <ul className="portal-proposals">
            {reach.proposals.map((url) => (
              <li key={url}>
                <code>{url}</code>
                <button type="button" className="button button-small" aria-label={t.useLabel(url)} onClick={() => onUse(url)}>{t.use}</button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
