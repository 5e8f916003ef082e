/**
 * Headless mode: the same services as the desktop app, the admin screens on 127.0.0.1 and
 * the employees' pages on the LAN. Prints `admin: URL` and `portal: URL` when ready
 * (`portal: -` while a certificate that cannot be loaded keeps the portal down, then
 * `portal: URL` once it starts).
 * Startup failures are one clear line on stderr and a non-zero exit, no stack trace.
 */
import './production-mode'; // first: React and Express read NODE_ENV as they load
import { accessSync, constants, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ja } from '../preload/i18n/ja';
import { DatabaseDamagedError, DatabaseFromFutureError } from '../db/database';
import { BACKUP_DIR, newestValidBackup, restoreBeforeOpen, RestoreRefusedError } from './services/backup-service';
import { DataFolderInUseError } from './services/support/instance-lock';
import { parseHeadlessArgs, type HeadlessOptions } from './cli';
import { composeApp, DATABASE_FILE, type App } from './composition';
import { startBridgeServer } from './bridge/server';
import { ListenError } from './net/listen';
import { PortalTlsError } from './services/portal-tls';
import { rendererDistDir } from './paths';
import { seedDemoData, type DemoCredentials } from './services/demo-data';
import { startDemoMailbox } from './services/mail/demo-mailbox';

const DEMO_MARKER = '.focus-u-demo';

async function main(): Promise<void> {
  let opts: HeadlessOptions;
  try {
    opts = parseHeadlessArgs(process.argv.slice(2));
  } catch (e) {
    return fail(ja.cli.badArgs(e instanceof Error ? e.message : String(e)));
  }
  const dataDir = path.resolve(opts['data-dir']);
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    accessSync(dataDir, constants.W_OK);
  } catch {
    return fail(ja.cli.dataDirUnwritable(dataDir));
  }

  const demoMailbox = opts.demo && !opts['smtp-url'] ? await startDemoMailbox(() => Date.now()) : undefined;
  const which = opts['restore-backup'];
  const restore = { from: null as string | null };
  let app: App;
  try {
    app = composeApp({
      dataDir, smtpUrl: opts['smtp-url'], demoMailbox,
      // under the data folder's lock: never reset or replace the database of a server running on it
      beforeOpen() {
        if (opts.demo) prepareDemoDir(dataDir);
        if (which) {
          restore.from = restoreBeforeOpen({
            dataDir, databaseFile: path.join(dataDir, DATABASE_FILE), which, now: Date.now(), notice: (line) => process.stderr.write(`${line}\n`),
          });
        }
      },
    });
  } catch (e) {
    await demoMailbox?.close();
    if (e instanceof DataFolderInUseError || e instanceof RestoreRefusedError || e instanceof DemoDirError) return fail(e.message);
    if (e instanceof DatabaseFromFutureError) return fail(ja.cli.databaseFromFuture(dataDir));
    if (e instanceof DatabaseDamagedError) {
      const newest = newestValidBackup(path.join(dataDir, BACKUP_DIR), Date.now());
      return fail(ja.backup.databaseDamaged(path.join(dataDir, DATABASE_FILE), newest?.fileName ?? null));
    }
    return fail(ja.cli.dataDirUnwritable(dataDir));
  }
  if (restore.from) process.stdout.write(`restored: ${restore.from}\n`);

  let demo: DemoCredentials | null = null;
  if (opts.demo) {
    demo = await seedDemoData(app.db, app.clock.now());
    writeFileSync(path.join(dataDir, DEMO_MARKER), 'demo data: recreated at every `npm run demo`\n', { mode: 0o600 });
  }

  const started: { close(): Promise<void> }[] = [];
  try {
    const bridge = await listening(ja.cli.adminServer, startBridgeServer({
      port: opts.port, dispatcher: app.dispatcher, events: app.events, logger: app.logger, rendererDir: rendererDistDir,
      isLoggedIn: (s) => app.auth.isLoggedIn(s), isSessionLive: (s) => app.auth.isLive(s), issuance: app.issuance,
    }));
    started.push(bridge);
    const portal = await listening(ja.cli.portalServer, app.startPortal({ host: opts['portal-host'], port: opts['portal-port'] }))
      .catch((e: unknown) => {
        // a certificate that cannot be loaded: the admin screens run so it can be replaced or removed
        if (!(e instanceof PortalTlsError)) throw e;
        process.stderr.write(`${ja.cli.portalTlsProblem(ja.tls.problem[e.problem])}\n`);
        announceLatePortal(app);
        return null;
      });
    app.backup.startDaily();
    const demoLine = demo ? `${ja.cli.demoLine(demo.loginId, demo.password)}\n` : '';
    process.stdout.write(`admin: ${bridge.url}\nportal: ${portal?.url ?? '-'}\n${demoLine}`);
  } catch (e) {
    await Promise.all([...started.map((s) => s.close()), app.close()]);
    if (e instanceof StartupError) return fail(e.message);
    throw e;
  }
  const stop = async () => {
    await Promise.all([...started.map((s) => s.close()), app.close()]);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

class StartupError extends Error {}

/** After `portal: -`: a second `portal: URL` line once a new certificate (or none) lets the portal start. */
function announceLatePortal(app: App): void {
  const stop = app.events.subscribe((m) => {
    if (m.event !== 'settingsChanged') return;
    const url = app.settings.get().portalRunningUrl;
    if (!url) return;
    stop();
    process.stdout.write(`portal: ${url}\n`);
  });
}

/** A server that cannot listen becomes one sentence naming which server and why. */
async function listening<T>(what: string, starting: Promise<T>): Promise<T> {
  try {
    return await starting;
  } catch (e) {
    if (!(e instanceof ListenError)) throw e;
    throw new StartupError(e.reason === 'inUse' ? ja.cli.portInUse(what, e.port) : ja.cli.addressUnavailable(what, e.host));
  }
}

class DemoDirError extends Error {}

/** Demo data is recreated at every start, but only in a folder that holds demo data or nothing. */
function prepareDemoDir(dataDir: string): void {
  const db = path.join(dataDir, DATABASE_FILE);
  if (!existsSync(db)) return;
  if (!existsSync(path.join(dataDir, DEMO_MARKER))) {
    throw new DemoDirError(ja.cli.badArgs(ja.cli.demoDirRefused(dataDir)));
  }
  for (const f of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`]) rmSync(path.join(dataDir, f), { force: true });
}

function fail(message: string): void {
  process.stderr.write(message + '\n');
  process.exitCode = 1;
}

main().catch((e: unknown) => {
  fail(ja.errors.internal + ` (${e instanceof Error ? e.message : String(e)})`);
  process.exit(1);
});
