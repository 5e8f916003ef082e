import { useEffect } from 'react';
import { ja } from '../preload/i18n/ja';
import { onSessionExpired } from './api/session-guard';
import { AdminLayout } from './features/shell/AdminLayout';
import { LoginScreen } from './features/auth/LoginScreen';
import { SetupScreen } from './features/auth/SetupScreen';
import { ChangePasswordScreen } from './features/auth/ChangePasswordScreen';
import { useSessionStore } from './stores/session-store';

/** Setup, login or the admin screens, by the state of the session. */
export function App() {
  const phase = useSessionStore((s) => s.phase);
  const loadError = useSessionStore((s) => s.loadError);
  const load = useSessionStore((s) => s.load);

  useEffect(() => {
    void load();
    return onSessionExpired(() => useSessionStore.getState().expire());
  }, [load]);

  switch (phase) {
    case 'loading':
      return <p className="app-loading" role="status">{ja.app.loading}</p>;
    case 'loadFailed':
      return (
        <div className="app-loading">
          <p role="alert">{loadError}</p>
          <button type="button" className="button" onClick={() => void load()}>{ja.app.retry}</button>
        </div>
      );
    case 'setup':
      return <SetupScreen />;
    case 'login':
      return <LoginScreen />;
    case 'changePassword':
      return <ChangePasswordScreen />;
    case 'ready':
      return <AdminLayout />;
  }
}
