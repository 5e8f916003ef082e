/**
 * The headless command line (a stable interface: other tooling depends on it), and the same
 * options from a JSON file (`--config FILE`, for a service): the file's keys are the flags'
 * names, its relative paths are relative to the file, and a flag given on the command line
 * wins over the file.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { readConfigFile } from './server/config-file';

const port = z.coerce.number().int().min(0).max(65535);
const ip = z.union([z.ipv4(), z.ipv6()]);
/** a host name administrators type (DNS labels), or an IP literal */
const hostName = z.string().regex(/^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/).or(ip);
const file = z.string().min(1);

const schema = z.object({
  'data-dir': z.string().min(1),
  /** the admin screens' port (`--admin-port` is the same, clearer in a service's file) */
  port: port.default(0),
  /** where the admin screens listen: 127.0.0.1 by default; any other address needs HTTPS */
  'admin-host': ip.default('127.0.0.1'),
  /** host names the administrators reach the admin screens by (besides IP literals) */
  'admin-name': z.array(hostName).default([]),
  /** the admin screens' certificate: a PEM pair, or a PFX (its passphrase in a file of its own) */
  'admin-cert': file.optional(),
  'admin-key': file.optional(),
  'admin-pfx': file.optional(),
  'admin-pfx-passphrase-file': file.optional(),
  'portal-host': ip.optional(),
  'portal-port': port.optional(),
  'smtp-url': z.string().regex(/^smtps?:\/\//).optional(),
  /** OAuth 2.0's authorization servers when not the public clouds' (another cloud, a test's stand-in) */
  'microsoft-login-url': z.string().regex(/^https:\/\/[^/\s]+\/?$/).optional(),
  'google-token-url': z.string().regex(/^https:\/\/\S+$/).optional(),
  demo: z.boolean().default(false),
  /** a backup's file name in DATA_DIR/backups, or 'latest': copied over the database before start */
  'restore-backup': z.string().regex(/^(latest|focus-u-\d{8}-\d{6}(-\d+)?\.sqlite)$/).optional(),
  /** every line on stdout and stderr as JSON (a service manager's journal), or the plain lines */
  'log-format': z.enum(['text', 'json']).default('text'),
  /** seconds SIGTERM/SIGINT may take to stop in order before the process gives up and exits */
  'stop-timeout': z.coerce.number().int().min(1).max(3600).default(20),
}).strict().superRefine((o, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if ((o['admin-cert'] === undefined) !== (o['admin-key'] === undefined)) issue('admin-cert', 'needs --admin-key with it (a PEM pair)');
  if (o['admin-pfx'] !== undefined && o['admin-cert'] !== undefined) issue('admin-pfx', 'either a PEM pair or a PFX, not both');
  if (o['admin-pfx-passphrase-file'] !== undefined && o['admin-pfx'] === undefined) issue('admin-pfx-passphrase-file', 'needs --admin-pfx');
});
export type HeadlessOptions = z.output<typeof schema>;

/** The flags that name files: relative paths in a config file are relative to that file. */
export const PATH_OPTIONS = ['data-dir', 'admin-cert', 'admin-key', 'admin-pfx', 'admin-pfx-passphrase-file'] as const;

const FLAGS = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  port: { type: 'string' },
  'admin-port': { type: 'string' },
  'admin-host': { type: 'string' },
  'admin-name': { type: 'string', multiple: true },
  'admin-cert': { type: 'string' },
  'admin-key': { type: 'string' },
  'admin-pfx': { type: 'string' },
  'admin-pfx-passphrase-file': { type: 'string' },
  'portal-host': { type: 'string' },
  'portal-port': { type: 'string' },
  'smtp-url': { type: 'string' },
  'microsoft-login-url': { type: 'string' },
  'google-token-url': { type: 'string' },
  demo: { type: 'boolean' },
  'restore-backup': { type: 'string' },
  'log-format': { type: 'string' },
  'stop-timeout': { type: 'string' },
} as const;

/** The option names a config file may hold (every flag but --config itself). */
export const CONFIG_KEYS = Object.keys(FLAGS).filter((k) => k !== 'config');

export function parseHeadlessArgs(argv: string[]): HeadlessOptions {
  const { values } = parseArgs({ args: argv, strict: true, options: FLAGS });
  const { config, ...flags } = values;
  const fromFile = config ? readConfigFile(config, CONFIG_KEYS, PATH_OPTIONS) : {};
  // flags win over the file, key by key (a list given as flags replaces the file's list)
  const merged: Record<string, unknown> = { ...aliased(fromFile, config ?? ''), ...aliased(flags, '') };
  const parsed = schema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`--${issue.path.join('.') || 'config'}: ${issue.message}`);
  }
  return parsed.data;
}

/** `admin-port` is `port` under a clearer name; both at once is a mistake worth naming. */
function aliased(values: Record<string, unknown>, source: string): Record<string, unknown> {
  const { 'admin-port': adminPort, ...rest } = values;
  if (adminPort === undefined) return rest;
  if (rest.port !== undefined) throw new Error(`--admin-port: --port and --admin-port both given${source ? ` in ${source}` : ''}`);
  return { ...rest, port: adminPort };
}
