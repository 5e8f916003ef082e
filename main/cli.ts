/** The headless command line (a stable interface: other tooling depends on it). */
import { parseArgs } from 'node:util';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

const schema = z.object({
  'data-dir': z.string().min(1),
  port: port.default(0),
  'portal-host': z.union([z.ipv4(), z.ipv6()]).optional(),
  'portal-port': port.optional(),
  'smtp-url': z.string().regex(/^smtps?:\/\//).optional(),
  /** OAuth 2.0's authorization servers when not the public clouds' (another cloud, a test's stand-in) */
  'microsoft-login-url': z.string().regex(/^https:\/\/[^/\s]+\/?$/).optional(),
  'google-token-url': z.string().regex(/^https:\/\/\S+$/).optional(),
  demo: z.boolean().default(false),
  /** a backup's file name in DATA_DIR/backups, or 'latest': copied over the database before start */
  'restore-backup': z.string().regex(/^(latest|focus-u-\d{8}-\d{6}(-\d+)?\.sqlite)$/).optional(),
});
export type HeadlessOptions = z.output<typeof schema>;

export function parseHeadlessArgs(argv: string[]): HeadlessOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'portal-host': { type: 'string' },
      'portal-port': { type: 'string' },
      'smtp-url': { type: 'string' },
      'microsoft-login-url': { type: 'string' },
      'google-token-url': { type: 'string' },
      demo: { type: 'boolean' },
      'restore-backup': { type: 'string' },
    },
  });
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`--${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
