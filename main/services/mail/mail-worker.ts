/** Worker-thread entry: a batch's SMTP client (MIME, base64, TLS) off the main thread. */
import { parentPort, workerData } from 'node:worker_threads';
import { createMailSender, MailSendError } from './mail-sender';
import type { MailWorkerReply, MailWorkerRequest, MailWorkerSetup } from './mail-worker-messages';

const setup = workerData as MailWorkerSetup;
const sender = createMailSender(setup.target, setup.pool);

parentPort!.on('message', async (m: MailWorkerRequest) => {
  if (m.type === 'close') {
    sender.close();
    parentPort!.close();
    return;
  }
  let reply: MailWorkerReply;
  try {
    reply = { id: m.id, ok: true, response: (await sender.send(m.mail)).response };
  } catch (e) {
    const err = e instanceof MailSendError ? e : new MailSendError(String(e), false, false);
    reply = { id: m.id, ok: false, answer: err.answer, permanent: err.permanent, unreachable: err.unreachable };
  }
  parentPort!.postMessage(reply);
});
