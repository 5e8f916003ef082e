/** A worker for worker-calls.test.ts: answers, refuses in Japanese, throws, or dies, as asked. */
import { AppError } from '../../../main/services/support/errors';
import { answerCalls } from '../../../main/services/support/worker-calls';

export type AnsweringRequest = { say: string } | { refuse: string } | { fail: string } | { die: number };

answerCalls((r: AnsweringRequest) => {
  if ('refuse' in r) throw new AppError('VALIDATION', r.refuse);
  if ('fail' in r) throw new Error(r.fail);
  if ('die' in r) process.exit(r.die);
  return `${r.say}、確かに`;
});
