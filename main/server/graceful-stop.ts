/**
 * SIGTERM (a service manager stopping the server, a shutdown) and SIGINT (Ctrl+C) stop the
 * server in order — the lifecycle's stop: no new admin calls, the bulk mail job pauses after
 * the mails in flight are recorded (its other rows stay pending for 「再開」), the daily backup,
 * the workers, the portal, the database, the data folder's lock — within `timeoutMs`. Past
 * that the process exits anyway with STOP_TIMED_OUT_EXIT_CODE and says so: a service manager
 * must never wait forever (e.g. on an SMTP server that took a mail and fell silent), and what a
 * hard exit can leave behind is what a crash leaves, which the next start recovers.
 */
import type { Logger } from '../services/support/logger';

/** EX_TEMPFAIL: the ordered stop did not finish in time (0: it did). */
export const STOP_TIMED_OUT_EXIT_CODE = 75;

export interface GracefulStopOptions {
  stop(): Promise<void>;
  timeoutMs: number;
  logger: Logger;
  exit(code: number): void;
  /** where the signals come from (tests pass an EventEmitter) */
  signals?: Pick<NodeJS.Process, 'on'>;
}

export function stopOnSignals(o: GracefulStopOptions): void {
  const source = o.signals ?? process;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // a second signal while stopping changes nothing: the first stop is under way, with its deadline
    if (stopping) return;
    stopping = true;
    o.logger.info('stopping', { signal, timeoutSeconds: o.timeoutMs / 1000 });
    const started = Date.now();
    const deadline = setTimeout(() => {
      o.logger.error('stop timed out: exiting without finishing the ordered stop', { timeoutSeconds: o.timeoutMs / 1000 });
      o.exit(STOP_TIMED_OUT_EXIT_CODE);
    }, o.timeoutMs);
    o.stop().then(
      () => {
        clearTimeout(deadline);
        o.logger.info('stopped', { ms: Date.now() - started });
        o.exit(0);
      },
      (e: unknown) => {
        clearTimeout(deadline);
        o.logger.error('stop failed', { error: String(e) });
        o.exit(1);
      },
    );
  };
  source.on('SIGTERM', () => onSignal('SIGTERM'));
  source.on('SIGINT', () => onSignal('SIGINT'));
}
