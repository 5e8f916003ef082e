/**
 * The one entry point behind both transports (Electron IPC and the loopback bridge):
 * checks the method exists, the caller is logged in unless the method is public, and the
 * input matches the contract's zod schema; then calls the handler. Every failure becomes
 * an AppErrorData with a Japanese message — never a stack trace to the screen.
 */
import type { z } from 'zod';
import {
  methods, type AppErrorData, type MethodName, type MethodParsedInput, type MethodResult,
} from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import { AppError } from '../services/support/errors';
import type { Logger } from '../services/support/logger';
import { storageFault } from '../services/support/storage-faults';

export interface CallContext {
  /** The caller's admin session (a cookie on the bridge, the window on IPC). */
  sessionId: string | null;
  setSession(sessionId: string | null): void;
}

export type Handlers = {
  [M in MethodName]: (input: MethodParsedInput<M>, ctx: CallContext) => MethodResult<M> | Promise<MethodResult<M>>;
};

export type CallOutcome = { ok: true; result: unknown } | { ok: false; error: AppErrorData };

export interface Dispatcher {
  dispatch(method: string, input: unknown, ctx: CallContext): Promise<CallOutcome>;
}

/** Around each valid call: returns what to do with its outcome (the 操作ログ), or null. */
export type CallAudit = (method: MethodName, input: unknown, ctx: CallContext) => ((outcome: CallOutcome) => void) | null;

export function createDispatcher(
  handlers: Handlers,
  isLoggedIn: (sessionId: string | null) => boolean,
  logger: Logger,
  audit: CallAudit = () => null,
  /** the data folder: lets an SQLite I/O error on a full disk be named as one */
  dataDir?: string,
): Dispatcher {
  return {
    async dispatch(method, input, ctx) {
      let finish: ((outcome: CallOutcome) => void) | null = null;
      const done = (outcome: CallOutcome): CallOutcome => {
        try {
          finish?.(outcome);
        } catch (e) {
          logger.error('the 操作ログ could not be written', { error: String(e) });
        }
        return outcome;
      };
      try {
        if (!Object.hasOwn(methods, method)) throw new AppError('NOT_FOUND', ja.validation.invalidInput);
        const name = method as MethodName;
        const spec = methods[name];
        if (!spec.public && !isLoggedIn(ctx.sessionId)) throw new AppError('UNAUTHORIZED', ja.errors.unauthorized);
        const parsed = spec.input.safeParse(input);
        if (!parsed.success) throw validationError(parsed.error);
        finish = audit(name, parsed.data, ctx);
        const handler = handlers[name] as (i: unknown, c: CallContext) => unknown;
        return done({ ok: true, result: await handler(parsed.data, ctx) });
      } catch (e) {
        if (e instanceof AppError) return done({ ok: false, error: e.toData() });
        // another program holds the database, or the disk is full: say which, nothing was saved
        const fault = storageFault(e, dataDir);
        if (fault === 'busy') return done({ ok: false, error: { code: 'CONFLICT', message: ja.errors.databaseBusy } });
        if (fault === 'diskFull') {
          logger.error('disk full in a contract call', { method: String(method).slice(0, 64), error: String(e) });
          return done({ ok: false, error: { code: 'INTERNAL', message: ja.errors.diskFull } });
        }
        logger.error('unexpected error in a contract call', { method: String(method).slice(0, 64), error: String(e) });
        return done({ ok: false, error: { code: 'INTERNAL', message: ja.errors.internal } });
      }
    },
  };
}

/** zod issues → one message per field (the first), keyed by the field's path. */
export function validationError(error: z.ZodError): AppError {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    // zod's own English texts (wrong type and the like) are replaced by the generic message.
    fieldErrors[key] ??= /[\u3040-\u30ff\u4e00-\u9fff]/.test(issue.message) ? issue.message : ja.validation.invalidInput;
  }
  return new AppError('VALIDATION', [...new Set(Object.values(fieldErrors))].join('\n'), fieldErrors);
}
