/**
 * While the portal serves, the OS is asked not to suspend the app ('prevent-app-suspension':
 * the screen may still sleep); the request ends when the portal stops and at quit.
 */
import type { DesktopElectron } from './electron-api';

export class PowerGuard {
  private id: number | null = null;

  constructor(private readonly blocker: DesktopElectron['powerSaveBlocker']) {}

  sync(serving: boolean): void {
    if (serving && this.id === null) this.id = this.blocker.start('prevent-app-suspension');
    else if (!serving) this.stop();
  }

  stop(): void {
    if (this.id === null) return;
    if (this.blocker.isStarted(this.id)) this.blocker.stop(this.id);
    this.id = null;
  }
}
