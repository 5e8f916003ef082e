/**
 * The notification-area icon of the resident app: 「管理画面を開く」, the portal's state and the
 * URL employees use (a click copies it), and 「終了」 (which asks first: quit-confirmation in
 * desktop-app.ts). The menu is a pure function of the state, rebuilt when the portal changes.
 */
import type { Settings } from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import type { DesktopElectron, DesktopTray, MenuItemSpec } from './electron-api';

export interface TrayActions {
  open(): void;
  copy(url: string): void;
  quit(): void;
}

/**
 * The URL to hand to employees while the portal runs: 社員がアクセスするURL, else — when the
 * printed one is loopback — this machine's first LAN address; null while the portal is down.
 */
export function employeeUrl(s: Pick<Settings, 'portalRunningUrl' | 'portalReach'>): string | null {
  if (!s.portalRunningUrl) return null;
  const reach = s.portalReach;
  return reach.loopback && reach.proposals[0] ? reach.proposals[0] : reach.url;
}

export function trayMenu(portalUrl: string | null, actions: TrayActions): MenuItemSpec[] {
  return [
    { label: ja.desktop.trayOpen, click: actions.open },
    { type: 'separator' },
    portalUrl
      ? { label: ja.desktop.trayPortalRunning(portalUrl), sublabel: ja.desktop.trayPortalCopy, toolTip: ja.desktop.trayPortalCopy, click: () => actions.copy(portalUrl) }
      : { label: ja.desktop.trayPortalStopped, enabled: false },
    { type: 'separator' },
    { label: ja.desktop.trayQuit, click: actions.quit },
  ];
}

export class ResidentTray {
  private readonly tray: DesktopTray;

  constructor(private readonly electron: Pick<DesktopElectron, 'Tray' | 'Menu'>, icon: string, private readonly actions: TrayActions) {
    this.tray = new electron.Tray(icon);
    // Windows: a click on the icon opens the window (the menu is on the right button)
    this.tray.on('click', actions.open);
  }

  show(portalUrl: string | null): void {
    this.tray.setToolTip(portalUrl ? `${ja.app.productName} — ${ja.desktop.trayPortalRunning(portalUrl)}` : `${ja.app.productName} — ${ja.desktop.trayPortalStopped}`);
    this.tray.setContextMenu(this.electron.Menu.buildFromTemplate(trayMenu(portalUrl, this.actions)));
  }

  destroy(): void {
    this.tray.destroy();
  }
}
