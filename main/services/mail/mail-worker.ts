/**
 * Worker-thread entry: the SMTP clients of bulk sends (MIME, base64, TLS) off the main
 * thread. The worker lives as long as the app; each batch opens its own pooled transport.
 */
import { parentPort } from 'node:worker_threads';
import { createMailSender, MailSendError, type MailSender, type OutgoingMail } from './mail-sender';
import type { MailWorkerReply, MailWorkerRequest } from './mail-worker-messages';

const batches = new Map<number, MailSender>();

parentPort!.on('message', (m: MailWorkerRequest) => {
  if (m.type === 'open') {
    batches.set(m.batch, createMailSender(m.setup.target, m.setup.pool, m.setup.timeouts));
    return;
  }
  if (m.type === 'close') {
    batches.get(m.batch)?.close();
    batches.delete(m.batch);
    return;
  }
  const sender = batches.get(m.batch);
  for (const { id, mail } of m.mails) void send(sender, id, mail);
});

let replies: MailWorkerReply[] = [];

async function send(sender: MailSender | undefined, id: number, mail: OutgoingMail): Promise<void> {
  let reply: MailWorkerReply;
  try {
    if (!sender) throw new MailSendError('batch closed', false, false);
    reply = { id, ok: true, response: (await sender.send(mail)).response };
  } catch (e) {
    const err = e instanceof MailSendError ? e : new MailSendError(String(e), false, false);
    reply = { id, ok: false, answer: err.answer, permanent: err.permanent, unreachable: err.unreachable, timeoutMs: err.timeoutMs, mayHaveArrived: err.mayHaveArrived };
  }
  if (replies.length === 0) setImmediate(postReplies);
  replies.push(reply);
}

function postReplies(): void {
  parentPort!.postMessage(replies);
  replies = [];
}
