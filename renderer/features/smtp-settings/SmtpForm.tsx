import { useId, useRef, useState, type FormEvent } from 'react';
import type { SmtpSettingsView } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { describeError, type ErrorDetails } from '../../api/describe-error';
import { adminApi } from '../../api/session-guard';
import { FieldError } from '../../ui/FieldError';
import { TextField } from '../../ui/TextField';
import { SmtpAuthSection } from './SmtpAuthSection';
import { SmtpPresets } from './SmtpPresets';
import type { SmtpFieldsProps } from './smtp-fields';
import { presetHost, SMTP_SECURITIES, type SmtpPreset, type SmtpSecurity } from './smtp-presets';
import { fieldErrorOf, toSmtpInput, valuesFromView, type SmtpFormFiles, type SmtpFormValues } from './smtp-form-values';

const t = ja.smtp;

interface SmtpFormProps {
  view: SmtpSettingsView;
  onSaved(view: SmtpSettingsView): void;
}

/** The SMTP server, how to log in and the sender, saved with 「メール送信の設定を保存」; errors sit by their fields. */
export function SmtpForm({ view, onSaved }: SmtpFormProps) {
  const id = useId();
  const hostRef = useRef<HTMLInputElement>(null);
  const [values, setValues] = useState<SmtpFormValues>(() => valuesFromView(view));
  const [files, setFiles] = useState<SmtpFormFiles>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDetails | null>(null);
  const [saved, setSaved] = useState(false);
  const [presetNote, setPresetNote] = useState<string | null>(null);
  // a save shows the stored state afresh: 「設定済み」 again, the credential inputs closed
  const [generation, setGeneration] = useState(0);

  const set = <K extends keyof SmtpFormValues>(key: K, value: SmtpFormValues[K]) => {
    setSaved(false);
    setValues((v) => ({ ...v, [key]: value }));
  };

  function applyPreset(preset: SmtpPreset) {
    setSaved(false);
    setValues((v) => ({
      ...v, host: presetHost(preset, v.host), port: String(preset.port), security: preset.security, authMethod: preset.authMethod,
      ratePerMinute: preset.ratePerMinute === null ? v.ratePerMinute : String(preset.ratePerMinute),
    }));
    setPresetNote(preset.ratePerMinute === null ? null : ja.oauth.presetRate(preset.ratePerMinute));
    // The office's own server: its name is the one thing left to type.
    if (!preset.host) hostRef.current?.focus();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const next = await adminApi['smtp.update'](await toSmtpInput(values, view.passwordSet, files));
      setValues(valuesFromView(next));
      setFiles({});
      setGeneration((g) => g + 1);
      setSaved(true);
      setPresetNote(null);
      onSaved(next);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (key: string) => fieldErrorOf(error?.fieldErrors, key);
  const text: SmtpFieldsProps['text'] = (key, label, extra = {}) => (
    <TextField
      label={label}
      value={values[key]}
      onChange={(value) => set(key, value)}
      error={fieldError(key)}
      announceError
      autoComplete="off"
      className={`field-smtp-${key}`}
      {...extra}
    />
  );
  const pickFile: SmtpFieldsProps['pickFile'] = (key, file) => {
    setSaved(false);
    setFiles((f) => ({ ...f, [key]: file }));
  };
  const unplaced = error && Object.keys(error.fieldErrors).length === 0 ? error.message : null;

  return (
    <form className="settings-form" onSubmit={(e) => void submit(e)} noValidate>
      <SmtpPresets onPick={applyPreset} />
      {presetNote && <p role="status" className="notice notice-info">{presetNote}</p>}
      <section className="settings-section" aria-labelledby={`${id}-server`}>
        <h2 id={`${id}-server`} className="section-title">{t.serverSection}</h2>
        <div className="smtp-server-grid">
          {text('host', t.host, { ref: hostRef, inputMode: 'url', spellCheck: false })}
          {text('port', t.port, { inputMode: 'numeric', className: 'field-port' })}
          <div className="field">
            <label htmlFor={`${id}-security`} className="field-label">{t.security}</label>
            <select
              id={`${id}-security`}
              value={values.security}
              onChange={(e) => set('security', e.target.value as SmtpSecurity)}
              aria-invalid={fieldError('security') ? true : undefined}
              aria-describedby={fieldError('security') ? `${id}-security-error` : undefined}
            >
              {SMTP_SECURITIES.map((s) => <option key={s} value={s}>{t.securityLabels[s]}</option>)}
            </select>
            <FieldError id={`${id}-security-error`} message={fieldError('security')} announce />
          </div>
        </div>
      </section>
      <SmtpAuthSection key={generation} view={view} values={values} set={set} text={text} pickFile={pickFile} fieldError={fieldError} />
      <section className="settings-section" aria-labelledby={`${id}-sender`}>
        <h2 id={`${id}-sender`} className="section-title">{t.senderSection}</h2>
        {text('fromAddress', t.fromAddress, { inputMode: 'email', spellCheck: false, className: 'field-wide' })}
        {text('fromName', t.fromName, { className: 'field-wide' })}
        {text('ratePerMinute', t.ratePerMinute, { inputMode: 'numeric', className: 'field-rate' })}
      </section>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>{t.save}</button>
      </div>
      {saved && <p role="status" className="save-status">{ja.settings.saved}</p>}
      {unplaced && <p role="alert" className="notice notice-error">{unplaced}</p>}
    </form>
  );
}
