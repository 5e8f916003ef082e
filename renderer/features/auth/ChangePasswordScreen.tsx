import { useState, type FormEvent } from 'react';
import { ja } from '../../../preload/i18n/ja';
import { describeError, type ErrorDetails } from '../../api/describe-error';
import { useSessionStore } from '../../stores/session-store';
import { TextField } from '../../ui/TextField';
import { AuthCard } from './AuthCard';

const t = ja.passwordChange;

/**
 * Logged in with an initial password (a ユーザー管理者 the 法人管理者 added): the administrator
 * sets a password of their own before anything else. The server refuses every other call meanwhile.
 */
export function ChangePasswordScreen() {
  const changePassword = useSessionStore((s) => s.changePassword);
  const logout = useSessionStore((s) => s.logout);
  const adminName = useSessionStore((s) => s.adminName);
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<ErrorDetails | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    // Checked here: the confirmation never leaves the window.
    if (newPassword !== confirm) {
      setError({ message: t.mismatch, fieldErrors: { newPasswordConfirm: t.mismatch } });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await changePassword({ currentPassword, newPassword });
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  }

  const fieldError = (key: string) => error?.fieldErrors[key];
  const generalError = error && Object.keys(error.fieldErrors).length === 0 ? error.message : null;

  return (
    <AuthCard title={t.title} lead={t.lead}>
      {adminName && <p className="auth-lead">{ja.app.adminName(adminName)}</p>}
      {generalError && <p role="alert" className="notice notice-error">{generalError}</p>}
      <form onSubmit={(e) => void submit(e)} noValidate className="auth-form">
        <TextField label={t.currentPassword} type="password" value={currentPassword} onChange={setCurrentPassword}
          error={fieldError('currentPassword')} announceError isRequired autoComplete="current-password" autoFocus />
        <TextField label={t.newPassword} type="password" value={newPassword} onChange={setNewPassword}
          error={fieldError('newPassword')} announceError isRequired autoComplete="new-password" />
        <TextField label={t.newPasswordConfirm} type="password" value={confirm} onChange={setConfirm}
          error={fieldError('newPasswordConfirm')} announceError isRequired autoComplete="new-password" />
        <button type="submit" className="button button-primary button-wide" disabled={busy}>{t.submit}</button>
      </form>
      <button type="button" className="button button-wide auth-secondary" onClick={() => void logout()}>{ja.app.logout}</button>
    </AuthCard>
  );
}
