import { useState, type FormEvent } from 'react';
import { ja } from '../../../preload/i18n/ja';
import { usePasswordForm } from './use-password-form';
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
  const { submit, busy, fieldError, generalError } = usePasswordForm();
  const onSubmit = (e: FormEvent) =>
    submit(e, { password: newPassword, confirm, field: 'newPasswordConfirm', mismatch: t.mismatch }, () => changePassword({ currentPassword, newPassword }));

  return (
    <AuthCard title={t.title} lead={t.lead}>
      {adminName && <p className="auth-lead">{ja.app.adminName(adminName)}</p>}
      {generalError && <p role="alert" className="notice notice-error">{generalError}</p>}
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="auth-form">
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
