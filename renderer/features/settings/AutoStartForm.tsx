import { useEffect, useId, useState, type FormEvent } from 'react';
import { ja } from '../../../preload/i18n/ja';
import { adminApi } from '../../api/session-guard';
import { SaveFeedback } from './SaveFeedback';
import { useSettingsSave, type SettingsFormProps } from './use-settings-save';

const t = ja.desktop;

/**
 * 「パソコンの起動時に自動で開始する（ウィンドウは開かない）」: the desktop app starts at login in
 * the notification area, so the employees' pages run without anyone opening it. Shown only
 * where there is such a start (the desktop app; not headless mode in a browser).
 */
export function AutoStartForm({ settings, onSaved, saved }: SettingsFormProps) {
  const [available, setAvailable] = useState(false);
  const [enabled, setEnabled] = useState(false);
  const save = useSettingsSave(onSaved);
  const id = useId();

  useEffect(() => {
    let current = true;
    adminApi['app.getAutoStart'](undefined).then((s) => {
      if (!current) return;
      setAvailable(s.available);
      setEnabled(s.enabled);
    }, () => undefined);
    return () => {
      current = false;
    };
  }, []);

  function submit(e: FormEvent) {
    e.preventDefault();
    void save.run(async () => {
      setEnabled((await adminApi['app.setAutoStart']({ enabled })).enabled);
      return settings; // nothing of the settings changed: the OS keeps this one
    });
  }

  if (!available) return null;
  return (
    <form className="settings-form" onSubmit={submit} noValidate>
      <section className="settings-section" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="section-title">{t.autoStartTitle}</h2>
        <div className="settings-row">
          <label className="checkbox-label">
            <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} aria-describedby={`${id}-help`} />
            {t.autoStart}
          </label>
        </div>
        <p id={`${id}-help`} className="field-hint">{t.autoStartHelp}</p>
      </section>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.busy}>{t.autoStartSave}</button>
      </div>
      <SaveFeedback save={save} saved={saved} />
    </form>
  );
}
