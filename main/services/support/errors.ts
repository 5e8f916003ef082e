import type { AppErrorData } from '../../../preload/contract';

/** A refusal meant for the person at the screen: a code and a Japanese message. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorData['code'],
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toData(): AppErrorData {
    return { code: this.code, message: this.message, ...(this.fieldErrors ? { fieldErrors: this.fieldErrors } : {}) };
  }
}
