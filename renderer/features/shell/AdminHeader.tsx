import { useState } from 'react';
import { ja } from '../../../preload/i18n/ja';
import { describeError } from '../../api/describe-error';
import { useFlashStore } from '../../stores/flash-store';
import { useSessionStore } from '../../stores/session-store';

export function AdminHeader() {
  const companyName = useSessionStore((s) => s.companyName);
  const adminName = useSessionStore((s) => s.adminName);
  const logout = useSessionStore((s) => s.logout);
  const showFlash = useFlashStore((s) => s.show);
  const [busy, setBusy] = useState(false);

  async function signOut() {
    setBusy(true);
    try {
      await logout();
    } catch (e) {
      showFlash(describeError(e).message, 'info');
      setBusy(false);
    }
  }

  return (
    <header className="app-header">
      <p className="app-product">{ja.app.productName}</p>
      <p className="app-company">{companyName}</p>
      <div className="app-header-end">
        {adminName && <span className="app-admin">{ja.app.adminName(adminName)}</span>}
        <button type="button" className="button button-on-dark" onClick={() => void signOut()} disabled={busy}>
          {ja.app.logout}
        </button>
      </div>
    </header>
  );
}
