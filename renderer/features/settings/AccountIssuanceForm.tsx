import { useId, useState, type FormEvent } from 'react';
import { NOTIFY_METHODS, VERIFICATION_DAYS, type NotifyMethod } from '../../../preload/domain-types';
import { ja } from '../../../preload/i18n/ja';
import { adminApi } from '../../api/session-guard';
import { FieldError } from '../../ui/FieldError';
import { SaveFeedback } from './SaveFeedback';
import { useSettingsSave, type SettingsFormProps } from './use-settings-save';

const t = ja.settings;
const DAY_CHOICES = Array.from(
  { length: VERIFICATION_DAYS.max - VERIFICATION_DAYS.min + 1 },
  (_, i) => VERIFICATION_DAYS.min + i,
);

/** 「アカウント発行」 and 「メール認証」, applied together with 「上記内容で設定」 (SPEC §2). */
export function AccountIssuanceForm({ settings, onSaved, saved }: SettingsFormProps) {
  const [notifyMethod, setNotifyMethod] = useState<NotifyMethod>(settings.notifyMethod);
  const [verificationDays, setVerificationDays] = useState(settings.verificationDays);
  const [requirePasswordChange, setRequirePasswordChange] = useState(settings.requirePasswordChange);
  const save = useSettingsSave(onSaved);
  const id = useId();

  function submit(e: FormEvent) {
    e.preventDefault();
    void save.run(() => adminApi['settings.updateAccount']({ notifyMethod, verificationDays, requirePasswordChange }));
  }

  const described = (key: string) => (save.fieldError(key) ? `${id}-${key}-error` : undefined);

  return (
    <form className="settings-form" onSubmit={submit} noValidate>
      <section className="settings-section" aria-labelledby={`${id}-issuance`}>
        <h2 id={`${id}-issuance`} className="section-title">{t.accountIssuance}</h2>
        <div className="settings-row">
          <label htmlFor={`${id}-notify`} className="settings-label">{t.notifyMethod}</label>
          <select id={`${id}-notify`} value={notifyMethod} onChange={(e) => setNotifyMethod(e.target.value as NotifyMethod)} aria-describedby={described('notifyMethod')}>
            {NOTIFY_METHODS.map((m) => <option key={m} value={m}>{ja.notifyMethod[m]}</option>)}
          </select>
          <FieldError id={`${id}-notifyMethod-error`} message={save.fieldError('notifyMethod')} announce />
        </div>
      </section>
      <section className="settings-section" aria-labelledby={`${id}-mail`}>
        <h2 id={`${id}-mail`} className="section-title">{t.mailVerification}</h2>
        <div className="settings-row">
          <label htmlFor={`${id}-days`} className="settings-label">{t.verificationDays}</label>
          <span className="settings-control">
            <select id={`${id}-days`} value={verificationDays} onChange={(e) => setVerificationDays(Number(e.target.value))} aria-describedby={described('verificationDays')}>
              {DAY_CHOICES.map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
            <span className="unit">{t.daysUnit}</span>
          </span>
          <FieldError id={`${id}-verificationDays-error`} message={save.fieldError('verificationDays')} announce />
        </div>
        <div className="settings-row">
          <label className="checkbox-label">
            <input type="checkbox" checked={requirePasswordChange} onChange={(e) => setRequirePasswordChange(e.target.checked)} aria-describedby={described('requirePasswordChange')} />
            {t.requirePasswordChange}
          </label>
          <FieldError id={`${id}-requirePasswordChange-error`} message={save.fieldError('requirePasswordChange')} announce />
        </div>
      </section>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.busy}>{t.apply}</button>
      </div>
      <SaveFeedback save={save} saved={saved} />
    </form>
  );
}
