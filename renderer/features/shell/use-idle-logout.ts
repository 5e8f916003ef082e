import { useEffect } from 'react';
import { ADMIN_SESSION_IDLE_MINUTES } from '../../../preload/domain-types';
import { useSessionStore } from '../../stores/session-store';

const IDLE_MS = ADMIN_SESSION_IDLE_MINUTES * 60_000;
const CHECK_EVERY_MS = 30_000;
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
/** the server's own idle expiry may come a little before this window's check notices */
const SERVER_EXPIRY_MARGIN_MS = 60_000;

let lastActivity = Date.now();

/**
 * The session ended on the server (its stream said `sessionEnded`): after this long without a key
 * or a click it is the idle logout, said as such; otherwise another administrator or tab ended it.
 */
export function endedByIdleness(): boolean {
  return Date.now() - lastActivity >= IDLE_MS - SERVER_EXPIRY_MARGIN_MS;
}

/**
 * The desktop window may stay open all day, and the grid's own refresh (once a minute, and at
 * every change an employee makes on the LAN) keeps calling the server, which would keep the
 * session alive for ever. So the screens count only the administrator's own keys and clicks:
 * after ADMIN_SESSION_IDLE_MINUTES without one they log out (what was typed and not saved is
 * lost; the login screen says so).
 */
export function useIdleLogout(): void {
  useEffect(() => {
    lastActivity = Date.now();
    const seen = () => {
      lastActivity = Date.now();
    };
    for (const e of ACTIVITY) window.addEventListener(e, seen, { capture: true, passive: true });
    const timer = setInterval(() => {
      if (Date.now() - lastActivity >= IDLE_MS) void useSessionStore.getState().idleLogout();
    }, CHECK_EVERY_MS);
    return () => {
      for (const e of ACTIVITY) window.removeEventListener(e, seen, { capture: true });
      clearInterval(timer);
    };
  }, []);
}
