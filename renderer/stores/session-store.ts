/**
 * Who is at the keyboard: still loading, setup needed, logged out, or logged in (and the
 * company's name for the header). Leaving the logged-in state clears the workspace so the
 * next administrator starts on a fresh grid.
 */
import { create } from 'zustand';
import type { AuthState } from '../../preload/contract';
import type { z } from 'zod';
import type { changePasswordSchema, loginSchema, setupSchema } from '../../preload/schemas';
import { adminApi } from '../api/session-guard';
import { describeError } from '../api/describe-error';
import { useGridStore } from './grid-store';
import { useNavigationStore } from './navigation-store';

/** 'changePassword': logged in with an initial password, which must be replaced before anything else */
export type SessionPhase = 'loading' | 'loadFailed' | 'setup' | 'login' | 'changePassword' | 'ready';

interface SessionState {
  phase: SessionPhase;
  companyName: string;
  adminName: string | null;
  /** 基本設定 › 管理者アカウント is offered (the 法人管理者) */
  canManageAdministrators: boolean;
  loadError: string | null;
  /** The last session ended by itself (not by 「ログアウト」): the login screen says so. */
  expired: boolean;
  /** …because nobody touched the screens for ADMIN_SESSION_IDLE_MINUTES */
  idle: boolean;
  load(): Promise<void>;
  setup(input: z.input<typeof setupSchema>): Promise<void>;
  login(input: z.input<typeof loginSchema>): Promise<void>;
  logout(): Promise<void>;
  changePassword(input: z.input<typeof changePasswordSchema>): Promise<void>;
  expire(): void;
  /** Another administrator changed the accounts: this session may have ended (disabled, removed). */
  recheck(): Promise<void>;
  /** The screens' own idle logout: the session ends on the server too. */
  idleLogout(): Promise<void>;
  setCompanyName(name: string): void;
}

function phaseOf(state: AuthState): SessionPhase {
  if (state.setupRequired) return 'setup';
  if (state.passwordChangeRequired) return 'changePassword';
  return state.loggedIn ? 'ready' : 'login';
}

function clearWorkspace(): void {
  useGridStore.getState().reset();
  useNavigationStore.getState().reset();
}

export const useSessionStore = create<SessionState>()((set, get) => {
  const apply = (state: AuthState, expired = false) => {
    const phase = phaseOf(state);
    if (phase !== 'ready') clearWorkspace();
    set({
      phase, companyName: state.companyName, adminName: state.adminName, canManageAdministrators: state.canManageAdministrators,
      loadError: null, expired, idle: expired && get().idle,
    });
  };

  return {
    phase: 'loading',
    companyName: '',
    adminName: null,
    canManageAdministrators: false,
    loadError: null,
    expired: false,
    idle: false,

    async load() {
      try {
        apply(await adminApi['auth.getState'](undefined), get().expired);
      } catch (e) {
        set({ phase: 'loadFailed', loadError: describeError(e).message });
      }
    },
    setup: async (input) => apply(await adminApi['auth.setup'](input)),
    login: async (input) => apply(await adminApi['auth.login'](input)),
    logout: async () => apply(await adminApi['auth.logout'](undefined)),
    changePassword: async (input) => apply(await adminApi['auth.changePassword'](input)),
    expire() {
      if (get().phase !== 'ready') return;
      clearWorkspace();
      set({ phase: 'login', adminName: null, expired: true });
    },
    async recheck() {
      if (get().phase !== 'ready') return;
      try {
        const state = await adminApi['auth.getState'](undefined);
        if (phaseOf(state) === 'ready') set({ canManageAdministrators: state.canManageAdministrators, adminName: state.adminName });
        else get().expire();
      } catch {
        // the network blinked: the next call tells
      }
    },
    async idleLogout() {
      if (get().phase !== 'ready') return;
      clearWorkspace();
      set({ phase: 'login', adminName: null, expired: true, idle: true });
      await adminApi['auth.logout'](undefined).catch(() => undefined);
    },
    setCompanyName: (companyName) => set({ companyName }),
  };
});
