import { useState, type FormEvent } from 'react';
import { ja } from '../../../preload/i18n/ja';
import { describeError, type ErrorDetails } from '../../api/describe-error';
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
  const [error, setError] = useState<ErrorDetails | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    // Checked here: the confirmation never leaves the window.
    if (password !== passwordConfirm) {
      setError({ message: t.passwordMismatch, fieldErrors: { passwordConfirm: t.passwordMismatch } });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await setup({ companyName, adminLastName, loginId, password });
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  }

  const fieldError = (key: string) => error?.fieldErrors[key];
  const generalError = error && Object.keys(error.fieldErrors).length === 0 ? error.message : null;

  return (
    <AuthCard title={t.title} lead={t.lead}>
      {generalError && <p role="alert" className="notice notice-error">{generalError}</p>}
      <form onSubmit={(e) => void submit(e)} noValidate className="auth-form">
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
