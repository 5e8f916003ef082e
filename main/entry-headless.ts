/**
 * Headless mode: the same services as the desktop app, the admin screens on 127.0.0.1 and
 * the employees' pages on the LAN. Prints `admin: URL` and `portal: URL` when ready
 * (`portal: -` while a certificate that cannot be loaded keeps the portal down, then
 * `portal: URL` once it starts).
 * Startup failures are one clear line on stderr and a non-zero exit, no stack trace.
 */
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

const DEMO_MARKER = '.focus-u-demo';

async function main(): Promise<void> {
  let opts: HeadlessOptions;
  try {
    opts = parseHeadlessArgs(process.argv.slice(2));
  } catch (e) {
    return fail(ja.cli.badArgs(e instanceof Error ? e.message : String(e)));
  }
  const dataDir = path.resolve(opts['data-dir']);
  const demoMailbox = opts.demo && !opts['smtp-url'] ? await startDemoMailbox(() => Date.now()) : undefined;
  const which = opts['restore-backup'];
  let restoredFrom: string | null = null;
  let demo: DemoCredentials | null = null;
  let adminUrl = '';
  try {
    // the same start and stop as the desktop app (main/lifecycle.ts); only the admin side differs
    const lifecycle = await startLifecycle({
      compose: {
        dataDir, smtpUrl: opts['smtp-url'], demoMailbox,
        oauthEndpoints: {
          microsoftLoginUrl: opts['microsoft-login-url'] ?? DEFAULT_OAUTH_ENDPOINTS.microsoftLoginUrl,
          googleTokenUrl: opts['google-token-url'] ?? DEFAULT_OAUTH_ENDPOINTS.googleTokenUrl,
        },
        // under the data folder's lock: never reset or replace the database of a server running on it
        beforeOpen() {
          if (opts.demo) prepareDemoDir(dataDir);
          if (which) {
            restoredFrom = restoreBeforeOpen({
              dataDir, databaseFile: path.join(dataDir, DATABASE_FILE), which, now: Date.now(), notice: (line) => process.stderr.write(`${line}\n`),
            });
          }
        },
      },
      portal: { host: opts['portal-host'], port: opts['portal-port'] },
      portalListenFailure: 'fatal',
      async admin(app) {
        if (restoredFrom) process.stdout.write(`restored: ${restoredFrom}\n`);
        if (opts.demo) {
          demo = await seedDemoData(app.db, app.clock.now());
          writeFileSync(path.join(dataDir, DEMO_MARKER), 'demo data: recreated at every `npm run demo`\n', { mode: 0o600 });
        }
        // Not built here: the server must not need the build tools nor write into its install; built
        // later, the screens are served without a restart (the bridge reads them at every request).
        if (!rendererBuilt(rendererDistDir)) process.stderr.write(`${ja.cli.rendererMissing}\n`);
        const bridge = await startBridgeServer({
          port: opts.port, dispatcher: app.dispatcher, events: app.events, logger: app.logger, rendererDir: rendererDistDir,
          isLoggedIn: (s) => app.auth.isLoggedIn(s), isSessionLive: (s) => app.auth.isLive(s), issuance: app.issuance,
        });
        adminUrl = bridge.url;
        return { stop: () => bridge.close() };
      },
    });
    const { portal } = lifecycle;
    if (!portal.running) {
      // a certificate that cannot be loaded: the admin screens run so it can be replaced or removed
      process.stderr.write(`${portal.failure.messageFor('headless')}\n`);
      announceLatePortal(lifecycle.app);
    }
    const credentials = demo as DemoCredentials | null;
    const demoLine = credentials ? `${ja.cli.demoLine(credentials.loginId, credentials.password)}\n` : '';
    process.stdout.write(`admin: ${adminUrl}\nportal: ${portal.running ? portal.url : '-'}\n${demoLine}`);
    const stop = async () => {
      await lifecycle.stop();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
  } catch (e) {
    await demoMailbox?.close();
    if (e instanceof StartupFailure) return fail(e.messageFor('headless'));
    throw e;
  }
}

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

function fail(message: string): void {
  process.stderr.write(message + '\n');
  process.exitCode = 1;
}

main().catch((e: unknown) => {
  fail(ja.errors.internal + ` (${e instanceof Error ? e.message : String(e)})`);
  process.exit(1);
});
