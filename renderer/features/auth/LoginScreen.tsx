import { useState, type FormEvent } from 'react';
import { ADMIN_SESSION_IDLE_MINUTES } from '../../../preload/domain-types';
import { ja } from '../../../preload/i18n/ja';
import { describeError } from '../../api/describe-error';
import { useSessionStore } from '../../stores/session-store';
import { TextField } from '../../ui/TextField';
import { AuthCard } from './AuthCard';

export function LoginScreen() {
  const login = useSessionStore((s) => s.login);
  const expired = useSessionStore((s) => s.expired);
  const idle = useSessionStore((s) => s.idle);
  const companyName = useSessionStore((s) => s.companyName);
  const [loginId, setLoginId] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login({ loginId, password });
    } catch (err) {
      // The server's sentence as it is: it never tells which of the two was wrong.
      setError(describeError(err).message);
      setBusy(false);
    }
  }

  return (
    <AuthCard title={ja.login.title} lead={companyName || undefined}>
      {expired && !error && (
        <p role="status" className="notice notice-info">{idle ? ja.app.idleLoggedOut(ADMIN_SESSION_IDLE_MINUTES) : ja.errors.unauthorized}</p>
      )}
      {error && <p role="alert" className="notice notice-error">{error}</p>}
      <form onSubmit={(e) => void submit(e)} noValidate className="auth-form">
        <TextField label={ja.login.loginId} value={loginId} onChange={setLoginId} autoComplete="username" autoFocus />
        <TextField label={ja.login.password} type="password" value={password} onChange={setPassword} autoComplete="current-password" />
        <button type="submit" className="button button-primary button-wide" disabled={busy}>{ja.login.submit}</button>
      </form>
    </AuthCard>
  );
}
