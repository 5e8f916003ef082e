import { useState, type FormEvent } from 'react';
import { ja } from '../../../preload/i18n/ja';
import { usePasswordForm } from './use-password-form';
import { useSessionStore } from '../../stores/session-store';
import { TextField } from '../../ui/TextField';
import { AuthCard } from './AuthCard';

const t = ja.setup;

/** First start: the company and its 法人管理者, who then is logged in. */
export function SetupScreen() {
  const setup = useSessionStore((s) => s.setup);
  const [companyName, setCompanyName] = useState('');
  const [adminLastName, setAdminLastName] = useState('');
  const [loginId, setLoginId] = useState('');
  const [password, setPassword] = useState('');
  const [passwordConfirm, setPasswordConfirm] = useState('');
  const { submit, busy, fieldError, generalError } = usePasswordForm();
  const onSubmit = (e: FormEvent) => submit(e, { password, confirm: passwordConfirm, field: 'passwordConfirm', mismatch: t.passwordMismatch },
    () => setup({ companyName, adminLastName, loginId, password }));

  return (
    <AuthCard title={t.title} lead={t.lead}>
      {generalError && <p role="alert" className="notice notice-error">{generalError}</p>}
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="auth-form">
        <TextField label={t.companyName} value={companyName} onChange={setCompanyName} error={fieldError('companyName')} announceError isRequired autoFocus />
        <TextField label={t.adminLastName} value={adminLastName} onChange={setAdminLastName} error={fieldError('adminLastName')} announceError isRequired />
        <TextField label={t.loginId} value={loginId} onChange={setLoginId} error={fieldError('loginId')} announceError isRequired autoComplete="username" />
        <TextField label={t.password} type="password" value={password} onChange={setPassword} error={fieldError('password')} announceError isRequired autoComplete="new-password" />
        <TextField label={t.passwordConfirm} type="password" value={passwordConfirm} onChange={setPasswordConfirm} error={fieldError('passwordConfirm')} announceError isRequired autoComplete="new-password" />
        <button type="submit" className="button button-primary button-wide" disabled={busy}>{t.submit}</button>
      </form>
    </AuthCard>
  );
}
