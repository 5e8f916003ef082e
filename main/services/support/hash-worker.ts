/** Worker-thread entry: a bulk issue's hashes, a call's worth at a time, at a lower CPU priority (bulk-hasher.ts says why). */
import { giveWayToTheLan } from './background-priority';
import { hashSecretHere } from './secret-hasher';
import { answerCalls } from './worker-calls';

await giveWayToTheLan(); // before any work: the LAN goes first from the start
answerCalls((secrets: string[]) => secrets.map(hashSecretHere));
