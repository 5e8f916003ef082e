/**
 * 「パソコンの起動時に自動で開始する（ウィンドウは開かない）」. Windows and macOS keep login items
 * themselves (app.setLoginItemSettings); on Linux the desktop starts what the XDG autostart
 * folder lists (~/.config/autostart/*.desktop, or $XDG_CONFIG_HOME/autostart). A start at login
 * opens no window: Windows and Linux pass HIDDEN_ARG, macOS says it opened the app at login.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ja } from '../../preload/i18n/ja';
import type { AutoStartControl } from '../services/support/auto-start-control';
import { AppError } from '../services/support/errors';
import type { DesktopApp } from './electron-api';

export const HIDDEN_ARG = '--hidden';
export const AUTOSTART_FILE = 'focus-u-timerecorder.desktop';

type LoginItems = Pick<DesktopApp, 'getLoginItemSettings' | 'setLoginItemSettings'>;

export interface AutoStartOptions {
  platform: NodeJS.Platform;
  app: LoginItems;
  /** $XDG_CONFIG_HOME, else ~/.config (Linux) */
  configDir: string;
  /** the command that starts this app (Linux: the Exec line) — see launchCommand */
  launch: string[];
}

/** The auto-start of this OS, or null where there is none (no desktop session to start in). */
export function autoStartFor(o: AutoStartOptions): AutoStartControl | null {
  if (o.platform === 'win32') {
    return {
      // the same args when asking and when setting: Windows matches the entry by path and args
      get: () => o.app.getLoginItemSettings({ args: [HIDDEN_ARG] }).openAtLogin,
      set: (enabled) => o.app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_ARG] }),
    };
  }
  if (o.platform === 'darwin') {
    return {
      get: () => o.app.getLoginItemSettings().openAtLogin,
      set: (enabled) => o.app.setLoginItemSettings({ openAtLogin: enabled }),
    };
  }
  if (o.platform === 'linux' || o.platform === 'freebsd' || o.platform === 'openbsd') {
    const file = path.join(o.configDir, 'autostart', AUTOSTART_FILE);
    return {
      get: () => existsSync(file),
      set: (enabled) => {
        try {
          if (!enabled) return rmSync(file, { force: true });
          mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
          writeFileSync(`${file}.tmp`, xdgAutostartEntry(o.launch), { mode: 0o600 });
          renameSync(`${file}.tmp`, file);
        } catch (e) {
          rmSync(`${file}.tmp`, { force: true });
          throw new AppError('INTERNAL', ja.desktop.autoStartFailed((e as NodeJS.ErrnoException).code ?? String(e)));
        }
      },
    };
  }
  return null;
}

/** Whether this start came from the login (then no window opens: the app waits in the notification area). */
export function startedAtLogin(argv: readonly string[], platform: NodeJS.Platform, app: Pick<DesktopApp, 'getLoginItemSettings'>): boolean {
  if (argv.includes(HIDDEN_ARG)) return true;
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
}

/**
 * What a login runs to start this app. Packaged: the executable (an AppImage is mounted at a
 * new place every run, so its own path, $APPIMAGE). In development: Electron with the project.
 */
export function launchCommand(o: { isPackaged: boolean; execPath: string; appPath: string; appImage?: string }): string[] {
  if (o.isPackaged) return [o.appImage || o.execPath, HIDDEN_ARG];
  return [o.execPath, o.appPath, HIDDEN_ARG];
}

/** The autostart entry (Desktop Entry Specification; Version 1.0 keys only). */
export function xdgAutostartEntry(launch: string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${ja.app.productName}`,
    `Comment=${ja.desktop.autoStartHelp}`,
    `Exec=${launch.map(execArgument).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * One argument of an Exec key: quoted when it holds a reserved character, with `"` `` ` `` `$`
 * `\` escaped inside the quotes, then the string rules of the file applied (`\` doubled), and
 * `%` doubled (field codes). A line break cannot be written at all.
 */
export function execArgument(arg: string): string {
  if (/[\r\n]/.test(arg)) throw new AppError('VALIDATION', ja.desktop.autoStartFailed(arg));
  const quoted = /[\s"'\\><~|&;$*?#()`]/.test(arg) || arg === '' ? `"${arg.replace(/["`$\\]/g, '\\$&')}"` : arg;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}
