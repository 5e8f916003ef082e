import { ja } from '../../preload/i18n/ja';
import { ContractError } from './client';

/** What a screen shows for a failed call: the server's Japanese message and field errors. */
export interface ErrorDetails {
  message: string;
  fieldErrors: Record<string, string>;
}

export function describeError(error: unknown): ErrorDetails {
  if (error instanceof ContractError) return { message: error.message, fieldErrors: error.fieldErrors };
  return { message: ja.errors.internal, fieldErrors: {} };
}

export const isUnauthorized = (error: unknown): boolean =>
  error instanceof ContractError && error.code === 'UNAUTHORIZED';
