/**
 * What kind of window this is (desktop app or a browser on headless mode), asked once per
 * login and kept: it decides how a notice is delivered (save/print dialogs or a download).
 */
import { create } from 'zustand';
import type { AppInfo } from '../../preload/contract';
import { adminApi } from '../api/session-guard';

interface AppInfoState {
  /** null until the answer arrived */
  info: AppInfo | null;
  /** The cached answer, or the one call that fetches it; a failed call is asked again next time. */
  ensure(): Promise<AppInfo>;
}

let inFlight: Promise<AppInfo> | null = null;

export const useAppInfoStore = create<AppInfoState>()((set, get) => ({
  info: null,
  ensure() {
    const known = get().info;
    if (known) return Promise.resolve(known);
    inFlight ??= adminApi['app.getInfo'](undefined).then(
      (info) => {
        set({ info });
        return info;
      },
      (e: unknown) => {
        inFlight = null;
        throw e;
      },
    );
    return inFlight;
  },
}));
