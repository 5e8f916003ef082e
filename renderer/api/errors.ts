import type { AppErrorData } from '../../preload/contract';

export type CallOutcome = { ok: true; result: unknown } | { ok: false; error: AppErrorData };

/** A refused contract call, as the screens see it: a Japanese message and field errors. */
export class ContractError extends Error {
  readonly code: AppErrorData['code'];
  readonly fieldErrors: Record<string, string>;
  constructor(data: AppErrorData) {
    super(data.message);
    this.name = 'ContractError';
    this.code = data.code;
    this.fieldErrors = data.fieldErrors ?? {};
  }
}
