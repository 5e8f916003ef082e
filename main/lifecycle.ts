/**
 * The one start and stop of the product, for both entry points. Start: the data folder (and
 * its single-instance lock, its database, crash recovery — composeApp), then the entry's admin
 * side (headless: the loopback bridge; desktop: IPC and the window), the LAN portal, the daily
 * backup, the mailbox watcher of 送信エラーの確認. Stop, in order: the admin side (no new calls),
 * then the services (composeApp's close: a late portal start, the bulk job, the backup timer and
 * the mailbox watcher, workers, the portal, the database, the lock). Entry points only adapt: stderr or a dialog, a key file or safeStorage.
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { composeApp, type App, type CompositionOptions, type PortalOverrides } from './composition';
import { classifyStartupFailure, StartupFailure } from './startup-failure';

export interface Stoppable {
  stop(): Promise<void> | void;
}

export interface LifecycleOptions {
  compose: CompositionOptions;
  /** where the portal listens in this run (headless options, tests); the stored settings otherwise */
  portal?: PortalOverrides;
  /** the entry's admin side, started once the services are and stopped first */
  admin(app: App): Promise<Stoppable>;
  /**
   * A portal that cannot listen: 'fatal' ends the start (headless: a server is started to
   * serve); 'report' keeps the admin side running so that the port can be changed (desktop).
   * A certificate that cannot be loaded never ends the start: fixing it is done on the screens.
   */
  portalListenFailure: 'fatal' | 'report';
}

export type PortalState = { running: true; url: string } | { running: false; failure: StartupFailure };

export interface Lifecycle {
  app: App;
  /** the portal as the start left it (a portal kept down by its certificate may start later) */
  portal: PortalState;
  /** ordered, once: every later call waits for the first */
  stop(): Promise<void>;
}

/** Starts everything or nothing: a failure stops what had started and is thrown as a StartupFailure. */
export async function startLifecycle(o: LifecycleOptions): Promise<Lifecycle> {
  const { dataDir } = o.compose;
  const now = () => o.compose.clock?.now() ?? Date.now();
  const failure = (e: unknown, phase: 'open' | 'admin' | 'portal') => classifyStartupFailure(e, { dataDir, phase, now: now() });
  let app: App;
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    accessSync(dataDir, constants.W_OK);
    app = composeApp(o.compose);
  } catch (e) {
    throw failure(e, 'open');
  }
  let admin: Stoppable;
  try {
    admin = await o.admin(app);
  } catch (e) {
    await app.close();
    throw failure(e, 'admin');
  }
  let portal: PortalState;
  try {
    portal = { running: true, url: (await app.startPortal(o.portal)).url };
  } catch (e) {
    const f = failure(e, 'portal');
    if (o.portalListenFailure === 'fatal' && f.kind !== 'portalCertificate') {
      await admin.stop();
      await app.close();
      throw f;
    }
    app.logger.warn('portal not started', { error: String(e) });
    portal = { running: false, failure: f };
  }
  app.backup.startDaily();
  // 送信エラーの確認: the mailbox watcher (IMAP IDLE, else polling; reconnects by itself); stopped by app.close()
  void app.bounces.start();
  let stopping: Promise<void> | null = null;
  return {
    app,
    portal,
    stop: () => (stopping ??= (async () => {
      try {
        await admin.stop();
      } finally {
        await app.close();
      }
    })()),
  };
}

export { StartupFailure };
