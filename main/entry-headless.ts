/**
 * Headless mode: the same services as the desktop app without a window — `npm run serve` from
 * sources, and the built server (`npm run build:server`, `node dist-server/focus-u-server.mjs`)
 * an office runs as a service. The admin screens on 127.0.0.1, or on a LAN address over HTTPS;
 * the employees' pages on the LAN. Prints `admin: URL` and `portal: URL` when ready
 * (`portal: -` while a certificate that cannot be loaded keeps the portal down, then
 * `portal: URL` once it starts), or the same as JSON lines (`--log-format json`).
 * Startup failures are one clear line on stderr and a non-zero exit, no stack trace.
 * SIGTERM and SIGINT stop in order within `--stop-timeout` seconds (server/graceful-stop.ts).
 */
import './production-mode'; // first: React and Express read NODE_ENV as they load
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ja } from '../preload/i18n/ja';
import { restoreBeforeOpen } from './services/backup-service';
import { parseHeadlessArgs, type HeadlessOptions } from './cli';
import { DATABASE_FILE, type App } from './composition';
import { startLifecycle } from './lifecycle';
import { StartupFailure, StartupRefusal } from './startup-failure';
import { rendererBuilt, startBridgeServer } from './bridge/server';
import { rendererDistDir } from './paths';
import { seedDemoData, type DemoCredentials } from './services/demo-data';
import { startDemoMailbox } from './services/mail/demo-mailbox';
import { DEFAULT_OAUTH_ENDPOINTS } from './services/mail/oauth/oauth-types';
import { adminListener } from './server/admin-listener';
import { stopOnSignals } from './server/graceful-stop';
import { jsonProcessLines } from './server/json-process-lines';
import { serverOutput, type ServerOutput } from './server/server-output';
import { productVersion } from './version';

const DEMO_MARKER = '.focus-u-demo';

async function main(): Promise<void> {
  let opts: HeadlessOptions;
  try {
    opts = parseHeadlessArgs(process.argv.slice(2));
  } catch (e) {
    // the log format is itself an option: a line that cannot be parsed is printed as JSON when asked for
    return fail(serverOutput(wantsJson(process.argv) ? 'json' : 'text'), ja.cli.badArgs(e instanceof Error ? e.message : String(e)), 'badArgs');
  }
  const out = serverOutput(opts['log-format']);
  if (opts['log-format'] === 'json') jsonProcessLines(out.logger);
  const dataDir = path.resolve(opts['data-dir']);
  let listener;
  try {
    listener = adminListener(opts, out.logger); // a LAN address without a usable certificate stops here, before anything starts
  } catch (e) {
    if (e instanceof StartupRefusal) return fail(out, e.message, 'adminCertificate');
    throw e;
  }
  const demoMailbox = opts.demo && !opts['smtp-url'] ? await startDemoMailbox(() => Date.now()) : undefined;
  const which = opts['restore-backup'];
  let restoredFrom: string | null = null;
  let demo: DemoCredentials | null = null;
  let adminUrl = '';
  try {
    // the same start and stop as the desktop app (main/lifecycle.ts); only the admin side differs
    const lifecycle = await startLifecycle({
      compose: {
        dataDir, smtpUrl: opts['smtp-url'], demoMailbox, logger: out.logger, holder: 'server',
        oauthEndpoints: {
          microsoftLoginUrl: opts['microsoft-login-url'] ?? DEFAULT_OAUTH_ENDPOINTS.microsoftLoginUrl,
          googleTokenUrl: opts['google-token-url'] ?? DEFAULT_OAUTH_ENDPOINTS.googleTokenUrl,
        },
        // under the data folder's lock: never reset or replace the database of a server running on it
        beforeOpen() {
          if (opts.demo) prepareDemoDir(dataDir);
          if (which) {
            restoredFrom = restoreBeforeOpen({
              dataDir, databaseFile: path.join(dataDir, DATABASE_FILE), which, now: Date.now(), notice: (line) => out.notice(line),
            });
          }
        },
      },
      portal: { host: opts['portal-host'], port: opts['portal-port'] },
      portalListenFailure: 'fatal',
      async admin(app) {
        if (restoredFrom) out.restored(restoredFrom);
        if (opts.demo) {
          demo = await seedDemoData(app.db, app.clock.now());
          writeFileSync(path.join(dataDir, DEMO_MARKER), 'demo data: recreated at every `npm run demo`\n', { mode: 0o600 });
        }
        // Not built here: the server must not need the build tools nor write into its install; built
        // later, the screens are served without a restart (the bridge reads them at every request).
        if (!rendererBuilt(rendererDistDir)) out.notice(ja.cli.rendererMissing);
        const bridge = await startBridgeServer({
          port: opts.port, host: listener.host, tls: listener.tls, names: listener.names,
          version: productVersion(), portalRunning: () => app.portalRunning(),
          dispatcher: app.dispatcher, events: app.events, logger: app.logger, rendererDir: rendererDistDir,
          isLoggedIn: (s) => app.auth.isLoggedIn(s), isSessionLive: (s) => app.auth.isLive(s), issuance: app.issuance,
        });
        adminUrl = bridge.url;
        app.administrators.setAdminUrl(bridge.url);
        return { stop: () => bridge.close() };
      },
    });
    const { portal } = lifecycle;
    if (!portal.running) {
      // a certificate that cannot be loaded: the admin screens run so it can be replaced or removed
      out.notice(portal.failure.messageFor('headless'));
      announceLatePortal(lifecycle.app, out);
    }
    const credentials = demo as DemoCredentials | null;
    out.ready(adminUrl, portal.running ? portal.url : null, credentials);
    stopOnSignals({
      stop: () => lifecycle.stop(), timeoutMs: opts['stop-timeout'] * 1000, logger: out.logger,
      exit: (code) => process.exit(code),
    });
  } catch (e) {
    await demoMailbox?.close();
    if (e instanceof StartupFailure) return fail(out, e.messageFor('headless'), e.kind);
    throw e;
  }
}

/** After `portal: -`: a second `portal: URL` line once a new certificate (or none) lets the portal start. */
function announceLatePortal(app: App, out: ServerOutput): void {
  const stop = app.events.subscribe((m) => {
    if (m.event !== 'settingsChanged') return;
    const url = app.settings.get().portalRunningUrl;
    if (!url) return;
    stop();
    out.portalStarted(url);
  });
}

class DemoDirError extends StartupRefusal {}

/** Demo data is recreated at every start, but only in a folder that holds demo data or nothing. */
function prepareDemoDir(dataDir: string): void {
  const db = path.join(dataDir, DATABASE_FILE);
  if (!existsSync(db)) return;
  if (!existsSync(path.join(dataDir, DEMO_MARKER))) {
    throw new DemoDirError(ja.cli.badArgs(ja.cli.demoDirRefused(dataDir)));
  }
  for (const f of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`]) rmSync(path.join(dataDir, f), { force: true });
}

/** Before the options are parsed (or when they cannot be): whether JSON lines were asked for. */
function wantsJson(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === '--log-format=json' || (a === 'json' && argv[i - 1] === '--log-format'));
}

function fail(out: ServerOutput, message: string, kind?: string): void {
  out.failure(message, kind);
  process.exitCode = 1;
}

main().catch((e: unknown) => {
  fail(serverOutput(wantsJson(process.argv) ? 'json' : 'text'), ja.errors.internal + ` (${e instanceof Error ? e.message : String(e)})`, 'internal');
  process.exit(1);
});
