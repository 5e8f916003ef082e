import { useEffect, useState } from 'react';
import type { Settings } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { describeError } from '../../api/describe-error';
import { adminApi } from '../../api/session-guard';
import { useSessionStore } from '../../stores/session-store';
import { AccountIssuanceForm } from './AccountIssuanceForm';
import { AutoStartForm } from './AutoStartForm';
import { CompanyForm } from './CompanyForm';
import { PortalForm } from './PortalForm';
import { PortalCertificateForm } from './PortalCertificateForm';

type SettingsSection = 'account' | 'company' | 'portal' | 'tls' | 'autoStart';

/** 基本設定 › アカウント, with the company and portal settings an on-premises install needs. */
export function AccountSettingsScreen() {
  const setCompanyName = useSessionStore((s) => s.setCompanyName);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [lastSaved, setLastSaved] = useState<SettingsSection | null>(null);

  useEffect(() => {
    let current = true;
    adminApi['settings.get'](undefined).then(
      (s) => current && setSettings(s),
      (e: unknown) => current && setLoadError(describeError(e).message),
    );
    return () => {
      current = false;
    };
  }, []);

  const savedBy = (section: SettingsSection) => (next: Settings) => {
    setSettings(next);
    setCompanyName(next.companyName);
    setLastSaved(section);
  };

  return (
    <section className="screen settings-screen" aria-labelledby="settings-title">
      <div className="screen-header">
        <p className="breadcrumb">{ja.menu.basicSettings} {ja.menu.separator}</p>
        <h1 id="settings-title" className="screen-title">{ja.settings.accountTitle}</h1>
      </div>
      {loadError && <p role="alert" className="notice notice-error">{loadError}</p>}
      {!settings && !loadError && <p className="app-loading-inline">{ja.app.loading}</p>}
      {settings && (
        <div className="settings-stack">
          <AccountIssuanceForm settings={settings} onSaved={savedBy('account')} saved={lastSaved === 'account'} />
          <AutoStartForm settings={settings} onSaved={savedBy('autoStart')} saved={lastSaved === 'autoStart'} />
          <CompanyForm settings={settings} onSaved={savedBy('company')} saved={lastSaved === 'company'} />
          <PortalForm settings={settings} onSaved={savedBy('portal')} saved={lastSaved === 'portal'} />
          <PortalCertificateForm settings={settings} onSaved={savedBy('tls')} saved={lastSaved === 'tls'} />
        </div>
      )}
    </section>
  );
}
