/**
 * With `--log-format json` every line the process writes must be JSON, including what Node
 * itself would print: its warnings (a deprecation in a dependency) and a crash's stack trace.
 * Node prints warnings through a 'warning' listener of its own; it is replaced by one that logs
 * them as JSON. A crash is logged as one JSON line, then the process exits as a crash does (1).
 */
import type { Logger } from '../services/support/logger';

export function jsonProcessLines(logger: Logger): void {
  process.removeAllListeners('warning');
  process.on('warning', (w) => logger.warn('node warning', { name: w.name, warning: w.message }));
  process.on('uncaughtException', (e) => {
    logger.error('crashed', { error: String(e), stack: e instanceof Error ? e.stack : undefined });
    process.exit(1);
  });
}
