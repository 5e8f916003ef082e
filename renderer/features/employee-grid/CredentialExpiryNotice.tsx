import { useEffect, useState } from 'react';
import type { CredentialExpiry } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { adminApi } from '../../api/session-guard';
import { LinkButton } from '../../ui/LinkButton';

const t = ja.oauth.expiry;

/**
 * Under the grid's header: the mail settings' client secret or certificate expires within 30 days
 * (or has expired), with the way to the screen where a new one is set. Mail stops the day it expires.
 */
export function CredentialExpiryNotice({ onOpenSettings }: { onOpenSettings(): void }) {
  const [expiry, setExpiry] = useState<CredentialExpiry | null>(null);

  useEffect(() => {
    let current = true;
    const load = () => adminApi['smtp.get'](undefined).then((v) => current && setExpiry(v.expiry), () => {});
    void load();
    const stop = adminApi.on('settingsChanged', () => void load());
    return () => {
      current = false;
      stop();
    };
  }, []);

  if (!expiry) return null;
  const what = expiry.what === 'secret' ? t.secret : t.certificate;
  return (
    <div role="status" className="notice notice-warning credential-expiry">
      <span>{expiry.daysLeft <= 0 ? t.expired(what, expiry.date) : t.soon(what, expiry.date, expiry.daysLeft)}</span>
      <LinkButton onClick={onOpenSettings}>{t.open}</LinkButton>
    </div>
  );
}
