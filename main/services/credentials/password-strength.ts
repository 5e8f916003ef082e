import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

let checker: ZxcvbnFactory | undefined;

/**
 * Passwords people choose are refused when they are common or trivially guessable
 * (zxcvbn score below 2: found in the common-password lists, keyboard walks, repeats).
 */
export function isTooGuessable(password: string, userInputs: string[]): boolean {
  checker ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  return checker.check(password, userInputs).score < 2;
}
