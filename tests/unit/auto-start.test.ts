import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { execArgument, launchCommand, startedAtLogin, xdgAutostartEntry } from '../../main/desktop/auto-start';
import { makeTempDir } from '../support/temp-dir';

const loginItems = (wasOpenedAtLogin: boolean) => ({ getLoginItemSettings: () => ({ openAtLogin: true, wasOpenedAtLogin }) });

describe('auto-start', () => {
  it('starts the packaged executable (an AppImage by its own path), or Electron with the project in development', () => {
    expect(launchCommand({ isPackaged: true, execPath: '/opt/Focus U/focus-u-timerecorder', appPath: '/x' })).toEqual(['/opt/Focus U/focus-u-timerecorder', '--hidden']);
    expect(launchCommand({ isPackaged: true, execPath: '/tmp/.mount_Focus1/focus-u-timerecorder', appPath: '/x', appImage: '/home/k/FocusU.AppImage' }))
      .toEqual(['/home/k/FocusU.AppImage', '--hidden']);
    expect(launchCommand({ isPackaged: false, execPath: '/p/node_modules/electron/dist/electron', appPath: '/p' }))
      .toEqual(['/p/node_modules/electron/dist/electron', '/p', '--hidden']);
  });

  it('knows a start at login: --hidden on Windows and Linux, the login item\'s word on macOS', () => {
    expect(startedAtLogin(['app', '--hidden'], 'linux', loginItems(false))).toBe(true);
    expect(startedAtLogin(['app'], 'win32', loginItems(true))).toBe(false);
    expect(startedAtLogin(['app'], 'darwin', loginItems(true))).toBe(true);
    expect(startedAtLogin(['app'], 'darwin', loginItems(false))).toBe(false);
  });

  it('quotes an Exec argument by the Desktop Entry rules: reserved characters quoted, " ` $ \\ escaped, % doubled, backslashes doubled again', () => {
    expect(execArgument('/opt/focus-u/app')).toBe('/opt/focus-u/app');
    expect(execArgument('/opt/Focus U/app')).toBe('"/opt/Focus U/app"');
    expect(execArgument('/home/a"b/$HOME/`x`/app')).toBe('"/home/a\\\\"b/\\\\$HOME/\\\\`x\\\\`/app"');
    expect(execArgument('/data/100%/app')).toBe('/data/100%%/app');
    expect(execArgument('C:\\x')).toBe('"C:\\\\\\\\x"');
    expect(() => execArgument('/a\nb')).toThrow();
  });

  it('writes entries desktop-file-validate accepts, whatever the path', () => {
    let validator = true;
    try {
      execFileSync('desktop-file-validate', ['--help'], { stdio: 'ignore' });
    } catch {
      validator = false;
    }
    const tmp = makeTempDir();
    try {
      for (const exe of ['/opt/focus-u/app', '/opt/Focus U/app', '/home/o\'brien/$x/`y`/100%/a"b\\c/app', '/home/k/ドキュメント/FocusU.AppImage']) {
        const entry = xdgAutostartEntry([exe, '--hidden']);
        expect(entry.split('\n').filter((l) => l.startsWith('Exec='))).toHaveLength(1);
        const file = path.join(tmp.dir, 'focus-u-timerecorder.desktop');
        writeFileSync(file, entry);
        if (validator) execFileSync('desktop-file-validate', [file]);
      }
    } finally {
      tmp.remove();
    }
  });
});
