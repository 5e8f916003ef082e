import { useState, type FormEvent } from 'react';
import { ja } from '../../../preload/i18n/ja';
import { adminApi } from '../../api/session-guard';
import { TextField } from '../../ui/TextField';
import { SaveFeedback } from './SaveFeedback';
import { useSettingsSave, type SettingsFormProps } from './use-settings-save';

const t = ja.settings;

/** 「法人情報」: the 法人名 on the verification page and in the mail signatures. */
export function CompanyForm({ settings, onSaved, saved }: SettingsFormProps) {
  const [companyName, setCompanyName] = useState(settings.companyName);
  const save = useSettingsSave(onSaved);

  function submit(e: FormEvent) {
    e.preventDefault();
    void save.run(() => adminApi['settings.updateCompany']({ companyName }));
  }

  return (
    <form className="settings-form" onSubmit={submit} noValidate>
      <section className="settings-section" aria-labelledby="company-section-title">
        <h2 id="company-section-title" className="section-title">{t.companySection}</h2>
        <TextField label={t.companyName} value={companyName} onChange={setCompanyName} error={save.fieldError('companyName')} announceError isRequired className="field-wide" />
      </section>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.busy}>{t.saveCompany}</button>
      </div>
      <SaveFeedback save={save} saved={saved} />
    </form>
  );
}
