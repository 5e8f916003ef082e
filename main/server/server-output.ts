/**
 * What the headless server prints: `admin: URL` and `portal: URL` when ready (a stable
 * interface, read by scripts and tests), a late `portal: URL`, one line per start-up failure.
 * With `--log-format json` (a service manager's journal) every one of them is a JSON line
 * instead, as the services' own log lines already are: `{"time":…,"level":"info",
 * "message":"ready","admin":…,"portal":…}`. Never a secret: the demo's password is printed in
 * the plain form only, for the person who ran `npm run demo`.
 */
import { ja } from '../../preload/i18n/ja';
import { consoleLogger, type Logger } from '../services/support/logger';

export interface ServerOutput {
  /** the services' logger (JSON lines on stderr in both forms) */
  logger: Logger;
  /** the ready lines, in one write (a reader that waits for them gets the demo's line with them) */
  ready(adminUrl: string, portalUrl: string | null, demo?: { loginId: string; password: string } | null): void;
  portalStarted(url: string): void;
  restored(fileName: string): void;
  /** a start-up failure or refusal (exit code 1 follows) */
  failure(message: string, kind?: string): void;
  /** a line the start wants a person to read (e.g. a backup passed over, the portal kept down) */
  notice(message: string): void;
}

type Write = (line: string) => void;

export function serverOutput(format: 'text' | 'json', out: Write = stdout, err: Write = stderr): ServerOutput {
  const logger = consoleLogger(err);
  if (format === 'text') {
    return {
      logger,
      ready: (admin, portal, demo) => out(`admin: ${admin}\nportal: ${portal ?? '-'}${demo ? `\n${ja.cli.demoLine(demo.loginId, demo.password)}` : ''}`),
      portalStarted: (url) => out(`portal: ${url}`),
      restored: (file) => out(`restored: ${file}`),
      failure: (message) => err(message),
      notice: (message) => err(message),
    };
  }
  const json = (write: Write, level: string, message: string, fields: Record<string, unknown> = {}) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }));
  return {
    logger,
    ready: (admin, portal, demo) => json(out, 'info', 'ready', { admin, portal, ...(demo ? { demoAdmin: demo.loginId } : {}) }),
    portalStarted: (url) => json(out, 'info', 'portal started', { portal: url }),
    restored: (file) => json(out, 'info', 'restored', { fileName: file }),
    failure: (message, kind) => json(err, 'error', message, kind ? { kind } : {}),
    notice: (message) => json(err, 'warn', message),
  };
}

const stdout: Write = (line) => void process.stdout.write(`${line}\n`);
const stderr: Write = (line) => void process.stderr.write(`${line}\n`);
