import { useEffect, useId, useState, type FormEvent } from 'react';
import type { BounceSettingsView } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { formatDateTime } from '../../../preload/i18n/format-date-time';
import { describeError, type ErrorDetails } from '../../api/describe-error';
import { adminApi } from '../../api/session-guard';
import { RadioGroup } from '../../ui/RadioGroup';
import { TextField } from '../../ui/TextField';
import { SMTP_SECURITIES, type SmtpSecurity } from './smtp-presets';

const b = ja.bounce;
/** The watcher's state is looked at again this often while the screen is open. */
const STATUS_EVERY_MS = 3_000;

interface Values {
  enabled: boolean; host: string; port: string; security: SmtpSecurity; authMethod: 'password' | 'oauth';
  user: string; password: string; folder: string; moveTo: string;
}

const valuesOf = (v: BounceSettingsView): Values => ({
  enabled: v.enabled, host: v.host, port: String(v.port), security: v.security, authMethod: v.authMethod,
  user: v.user, password: '', folder: v.folder, moveTo: v.moveTo,
});

/** 基本設定 › メール送信 › 「送信エラーの確認」: the mailbox where bounces arrive, 「接続テスト」, and how the watching goes. */
export function BounceSettingsForm() {
  const id = useId();
  const [view, setView] = useState<BounceSettingsView | null>(null);
  const [values, setValues] = useState<Values | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDetails | null>(null);
  const [note, setNote] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  useEffect(() => {
    let current = true;
    const load = () => adminApi['bounce.get'](undefined).then((v) => {
      if (!current) return;
      setView(v);
      setValues((old) => old ?? valuesOf(v));
    }, () => undefined);
    void load();
    const timer = setInterval(() => void load(), STATUS_EVERY_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, []);

  if (!view || !values) return null;
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => (v ? { ...v, [key]: value } : v));
  const fieldError = (key: string) => error?.fieldErrors[key];

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!values) return;
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      const next = await adminApi['bounce.update']({
        enabled: values.enabled, host: values.host, port: Number(values.port), security: values.security, authMethod: values.authMethod,
        user: values.user, password: values.password === '' ? null : values.password, folder: values.folder, moveTo: values.moveTo,
      });
      setView(next);
      setValues(valuesOf(next));
      setNote({ tone: 'success', text: ja.settings.saved });
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  async function test() {
    setBusy(true);
    setNote(null);
    try {
      setNote({ tone: 'success', text: (await adminApi['bounce.test'](undefined)).message });
    } catch (err) {
      setNote({ tone: 'error', text: describeError(err).message });
    } finally {
      setBusy(false);
    }
  }

  const text = (key: 'host' | 'port' | 'user' | 'password' | 'folder' | 'moveTo', label: string, extra: Record<string, unknown> = {}) => (
    <TextField label={label} value={values[key]} onChange={(v) => set(key, v)} error={fieldError(key)} announceError autoComplete="off"
      className={`field-bounce-${key}`} disabled={!values.enabled} {...extra} />
  );
  const s = view.status;
  const statusText = s.state === 'watching' ? b.status.watching(s.idle) : b.status[s.state];

  return (
    <form className="settings-form bounce-settings" onSubmit={(e) => void save(e)} noValidate>
      <section className="settings-section" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="section-title">{b.title}</h2>
        <p className="field-hint">{b.lead}</p>
        {view.demoMailbox ? <p className="smtp-override">{b.demoMailbox}</p> : (
          <>
            <label className="checkbox-label">
              <input type="checkbox" checked={values.enabled} onChange={(e) => set('enabled', e.target.checked)} />
              {b.enabled}
            </label>
            <div className="smtp-server-grid">
              {text('host', b.host, { inputMode: 'url', spellCheck: false })}
              {text('port', b.port, { inputMode: 'numeric', className: 'field-port' })}
              <div className="field">
                <label htmlFor={`${id}-security`} className="field-label">{b.security}</label>
                <select id={`${id}-security`} value={values.security} disabled={!values.enabled} onChange={(e) => set('security', e.target.value as SmtpSecurity)}>
                  {SMTP_SECURITIES.map((x) => <option key={x} value={x}>{ja.smtp.securityLabels[x]}</option>)}
                </select>
              </div>
            </div>
            {values.enabled && values.security === 'none' && <p role="note" className="field-hint bounce-plain-warning">{b.plainWarning}</p>}
            <RadioGroup<'password' | 'oauth'>
              legend={b.authMethod}
              value={values.authMethod}
              onChange={(m) => set('authMethod', m)}
              options={[{ value: 'password', label: b.authMethodLabels.password }, { value: 'oauth', label: b.authMethodLabels.oauth }]}
            />
            {fieldError('authMethod') && <p role="alert" className="field-error">{fieldError('authMethod')}</p>}
            <p className="field-hint">{view.oauthProvider ? b.oauthHint[view.oauthProvider] : b.oauthUnavailable}</p>
            <div className="smtp-account-grid">
              {text('user', b.user, { spellCheck: false, inputMode: 'email' })}
              {values.authMethod === 'password' && text('password', b.password, {
                type: 'password', autoComplete: 'new-password', placeholder: view.passwordSet ? b.passwordKept : undefined,
              })}
            </div>
            {text('folder', b.folder, { spellCheck: false })}
            {text('moveTo', b.moveTo, { spellCheck: false, className: 'field-wide' })}
            <p className="field-hint">{b.untouched}</p>
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={busy}>{b.save}</button>
              <button type="button" className="button" disabled={busy || !view.enabled} onClick={() => void test()}>{busy ? b.testing : b.test}</button>
            </div>
          </>
        )}
        <p className="bounce-status" role="status">
          {b.statusLabel}: {statusText}
          {s.lastCheckedAt !== null && <> {b.lastChecked(formatDateTime(s.lastCheckedAt))}</>}
          {s.handled > 0 && <> {b.handled(s.handled)}</>}
        </p>
        {s.lastError && <p className="notice notice-error bounce-error">{s.lastError}</p>}
      </section>
      {note && <p role={note.tone === 'error' ? 'alert' : 'status'} className={`notice notice-${note.tone}`}>{note.text}</p>}
      {error && Object.keys(error.fieldErrors).length === 0 && <p role="alert" className="notice notice-error">{error.message}</p>}
    </form>
  );
}
