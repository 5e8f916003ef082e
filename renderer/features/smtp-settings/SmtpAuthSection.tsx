import { useId } from 'react';
import { ja } from '../../../preload/i18n/ja';
import { RadioGroup } from '../../ui/RadioGroup';
import { GoogleOAuthFields } from './GoogleOAuthFields';
import { MicrosoftOAuthFields } from './MicrosoftOAuthFields';
import type { SmtpFieldsProps } from './smtp-fields';
import { SMTP_AUTH_METHODS, type SmtpAuthMethod } from './smtp-presets';

const t = ja.smtp;
const o = ja.oauth;

/** 認証方式: a user name and password, or OAuth 2.0 with Microsoft 365 or Google Workspace, and that method's fields. */
export function SmtpAuthSection(props: SmtpFieldsProps) {
  const id = useId();
  const { view, values, set, text } = props;
  return (
    <section className="settings-section" aria-labelledby={`${id}-auth`}>
      <h2 id={`${id}-auth`} className="section-title">{o.authSection}</h2>
      <RadioGroup<SmtpAuthMethod>
        legend={o.authMethod}
        className="auth-method-choice"
        value={values.authMethod}
        onChange={(m) => set('authMethod', m)}
        options={SMTP_AUTH_METHODS.map((m) => ({ value: m, label: o.authMethodLabels[m] }))}
      />
      {values.authMethod === 'password' && (
        <>
          <div className="smtp-account-grid">
            {text('user', t.user, { spellCheck: false })}
            <div className="field-stack">
              {text('password', t.password, {
                type: 'password',
                // A browser must not offer the administrator's own login here.
                autoComplete: 'new-password',
                placeholder: view.passwordSet && !values.removePassword ? t.passwordKept : undefined,
                disabled: values.removePassword,
              })}
              {view.passwordSet && (
                <label className="checkbox-label">
                  <input type="checkbox" checked={values.removePassword} onChange={(e) => set('removePassword', e.target.checked)} />
                  {t.removePassword}
                </label>
              )}
            </div>
          </div>
          <p className="field-hint">{o.passwordHint}</p>
        </>
      )}
      {values.authMethod === 'microsoft365' && <MicrosoftOAuthFields {...props} />}
      {values.authMethod === 'google' && <GoogleOAuthFields {...props} />}
    </section>
  );
}
