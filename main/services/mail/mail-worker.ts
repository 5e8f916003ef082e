/**
 * Worker-thread entry: the SMTP clients of bulk sends (MIME, base64, TLS) off the main
 * thread. The worker lives as long as the app; each batch opens its own pooled transport.
 * XOAUTH2 tokens are asked of the main thread, which holds the one token cache.
 */
import { parentPort } from 'node:worker_threads';
import { createMailSender, MailSendError, type MailSender, type OutgoingMail, type TokenSource } from './mail-sender';
import type { MailWorkerReply, MailWorkerRequest, MailWorkerTokenAnswer, MailWorkerTokenRequest } from './mail-worker-messages';
import type { HandedToken } from './oauth/token-cache';
import { TokenError } from './oauth/token-errors';

/**
 * No stack traces in this thread: every mail nodemailer sends ends a stream.pipeline, which aborts
 * its AbortController, which makes a DOMException, whose stack was captured for nobody — ~30 µs a
 * mail (CPU profile of a bulk job). What leaves this thread is an SMTP answer, never a stack.
 */
Error.stackTraceLimit = 0;

const batches = new Map<number, MailSender>();
const tokenWaiters = new Map<number, { resolve(t: HandedToken): void; reject(e: Error): void }>();
let nextTokenRequest = 1;

parentPort!.on('message', (m: MailWorkerRequest) => {
  if (m.type === 'open') {
    const tokens = 'oauthUser' in m.setup.target ? tokenSourceOf(m.batch) : undefined;
    batches.set(m.batch, createMailSender(m.setup.target, m.setup.pool, m.setup.timeouts, tokens));
    return;
  }
  if (m.type === 'close') {
    batches.get(m.batch)?.close();
    batches.delete(m.batch);
    return;
  }
  if (m.type === 'token') return answerToken(m);
  const sender = batches.get(m.batch);
  for (const { id, mail } of m.mails) void send(sender, id, mail);
});

/** The batch's tokens, from the main thread: one message there and back per connection's login. */
function tokenSourceOf(batch: number): TokenSource {
  const ask = (renewGeneration: number | null) => new Promise<HandedToken>((resolve, reject) => {
    const requestId = nextTokenRequest++;
    tokenWaiters.set(requestId, { resolve, reject });
    parentPort!.postMessage({ type: 'tokenRequest', batch, requestId, renewGeneration } satisfies MailWorkerTokenRequest);
  });
  return { get: () => ask(null), renew: (generation) => ask(generation) };
}

function answerToken(m: MailWorkerTokenAnswer): void {
  const waiter = tokenWaiters.get(m.requestId);
  if (!waiter) return;
  tokenWaiters.delete(m.requestId);
  if (m.ok) waiter.resolve({ accessToken: m.accessToken, generation: m.generation });
  else waiter.reject(new TokenError(m.explanation, m.refusal));
}

/**
 * Replies are gathered this long before they travel. Each message costs both threads a wake-up and
 * the receiver an event's dispatch: sent at every turn of this loop (1.4 replies to a message), the
 * main thread spent 163–178 µs of CPU a mail in the 10,000-mail bench, gathered 133–151, CPU
 * that the mail server and this thread lack on a small machine. A bulk row waits for its shared
 * commit (every 30 ms) anyway, so a few ms more cost it little.
 */
const GATHER_REPLIES_MS = 5;
let replies: MailWorkerReply[] = [];

async function send(sender: MailSender | undefined, id: number, mail: OutgoingMail): Promise<void> {
  let reply: MailWorkerReply;
  try {
    if (!sender) throw new MailSendError('batch closed', false, false);
    reply = { id, ok: true, response: (await sender.send(mail)).response };
  } catch (e) {
    const err = e instanceof MailSendError ? e : new MailSendError(String(e), false, false);
    reply = {
      id, ok: false, answer: err.answer, permanent: err.permanent, unreachable: err.unreachable, timeoutMs: err.timeoutMs,
      mayHaveArrived: err.mayHaveArrived, step: err.step,
    };
  }
  if (replies.length === 0) setTimeout(postReplies, GATHER_REPLIES_MS);
  replies.push(reply);
}

function postReplies(): void {
  parentPort!.postMessage(replies);
  replies = [];
}
