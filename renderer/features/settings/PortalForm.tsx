import { useState, type FormEvent } from 'react';
import { ja } from '../../../preload/i18n/ja';
import { adminApi } from '../../api/session-guard';
import { TextField } from '../../ui/TextField';
import { PortalReachHint } from './PortalReachHint';
import { PortalInEffect } from './PortalInEffect';
import { SaveFeedback } from './SaveFeedback';
import { useSettingsSave, type SettingsFormProps } from './use-settings-save';

const t = ja.settings;

/** 「ポータル（社員向けページ）」: where the employees' pages listen and how employees reach them. */
export function PortalForm({ settings, onSaved, saved }: SettingsFormProps) {
  const [listenHost, setListenHost] = useState(settings.portal.listenHost);
  const [port, setPort] = useState(String(settings.portal.port));
  const [baseUrl, setBaseUrl] = useState(settings.portal.baseUrl);
  const save = useSettingsSave(onSaved);

  function submit(e: FormEvent) {
    e.preventDefault();
    // Not checked here: the server's message for a bad port (「ポート番号は…」) is the one to show.
    const portNumber = port.trim() === '' ? Number.NaN : Number(port);
    void save.run(() => adminApi['settings.updatePortal']({ listenHost: listenHost.trim(), port: portNumber, baseUrl }));
  }

  return (
    <form className="settings-form" onSubmit={submit} noValidate>
      <section className="settings-section" aria-labelledby="portal-section-title">
        <h2 id="portal-section-title" className="section-title">{t.portalSection}</h2>
        {settings.portalRunningUrl && <p className="portal-running">{t.portalRunning(settings.portalRunningUrl)}</p>}
        <PortalInEffect settings={settings} />
        <div className="portal-address">
          <TextField label={t.portalHost} value={listenHost} onChange={setListenHost} error={save.fieldError('listenHost')} announceError autoComplete="off" />
          <TextField label={t.portalPort} value={port} onChange={setPort} error={save.fieldError('port')} announceError inputMode="numeric" autoComplete="off" className="field-port" />
        </div>
        <p className="field-hint">{t.portalRestartNote}</p>
        <TextField label={t.portalBaseUrl} value={baseUrl} onChange={setBaseUrl} error={save.fieldError('baseUrl')} announceError hint={t.portalBaseUrlHelp} inputMode="url" autoComplete="off" className="field-wide" />
        <PortalReachHint settings={settings} onUse={setBaseUrl} />
      </section>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.busy}>{t.savePortal}</button>
      </div>
      <SaveFeedback save={save} saved={saved} />
    </form>
  );
}
