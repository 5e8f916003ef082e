import { useEffect, useState } from 'react';
import type { PortalReach } from '../../../preload/contract';
import { adminApi } from '../../api/session-guard';

/** The portal URL notices and mails carry now, and whether employees can open it; null until known. */
export function usePortalReach(): PortalReach | null {
  const [reach, setReach] = useState<PortalReach | null>(null);
  useEffect(() => {
    let current = true;
    const load = () => {
      adminApi['settings.get'](undefined).then(
        (s) => current && setReach(s.portalReach),
        // no warning rather than a wrong one: the screen's own calls report a failure
        () => undefined,
      );
    };
    load();
    const stop = adminApi.on('settingsChanged', load);
    return () => {
      current = false;
      stop();
    };
  }, []);
  return reach;
}
