import type { Settings } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';

const t = ja.settings;

/**
 * Where this run's portal listens, and where each value comes from: a start's command line
 * (`--portal-host`, `--portal-port`) overrides the stored fields below, and a stored change
 * waits for the next start — the fields alone would show an address nothing listens on.
 */
export function PortalInEffect({ settings }: { settings: Settings }) {
  const l = settings.portalListening;
  if (!l) return null;
  const from = (source: 'commandLine' | 'settings', option: string, same: boolean) =>
    source === 'commandLine' ? t.portalFromCommandLine(option) : same ? t.portalFromSettings : t.portalFromSettingsChanged;
  return (
    <div className="portal-in-effect">
      <p>{t.portalInEffectHost(l.host, from(l.hostFrom, '--portal-host', l.host === settings.portal.listenHost))}</p>
      <p>{t.portalInEffectPort(l.port, from(l.portFrom, '--portal-port', l.port === settings.portal.port))}</p>
      {(l.hostFrom === 'commandLine' || l.portFrom === 'commandLine') && <p className="field-hint">{t.portalOverriddenNote}</p>}
    </div>
  );
}
