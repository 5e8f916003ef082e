import { useEffect } from 'react';
import { ADMIN_SESSION_IDLE_MINUTES } from '../../../preload/domain-types';
import { useSessionStore } from '../../stores/session-store';

const IDLE_MS = ADMIN_SESSION_IDLE_MINUTES * 60_000;
const CHECK_EVERY_MS = 30_000;
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * The desktop window may stay open all day, and the grid's own refresh (once a minute, and at
 * every change an employee makes on the LAN) keeps calling the server, which would keep the
 * session alive for ever. So the screens count only the administrator's own keys and clicks:
 * after ADMIN_SESSION_IDLE_MINUTES without one they log out (what was typed and not saved is
 * lost; the login screen says so).
 */
export function useIdleLogout(): void {
  useEffect(() => {
    let last = Date.now();
    const seen = () => {
      last = Date.now();
    };
    for (const e of ACTIVITY) window.addEventListener(e, seen, { capture: true, passive: true });
    const timer = setInterval(() => {
      if (Date.now() - last >= IDLE_MS) void useSessionStore.getState().idleLogout();
    }, CHECK_EVERY_MS);
    return () => {
      for (const e of ACTIVITY) window.removeEventListener(e, seen, { capture: true });
      clearInterval(timer);
    };
  }, []);
}
