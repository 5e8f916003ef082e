import { useEffect } from 'react';
import { adminApi } from '../../api/session-guard';
import { useGridStore } from '../../stores/grid-store';

/** 有効期限切れ is a matter of time, not of an event: look again once a minute. */
const REFRESH_EVERY_MS = 60_000;

/**
 * Keeps the grid current without 「更新」: changes made elsewhere (an employee verifying on
 * the LAN, another window, a settings change) are pushed as events; expiry is polled.
 */
export function useGridLiveRefresh(): void {
  useEffect(() => {
    const refetch = () => void useGridStore.getState().fetch();
    const stopEmployees = adminApi.on('employeesChanged', refetch);
    const stopSettings = adminApi.on('settingsChanged', refetch);
    const timer = setInterval(refetch, REFRESH_EVERY_MS);
    return () => {
      stopEmployees();
      stopSettings();
      clearInterval(timer);
    };
  }, []);
}
