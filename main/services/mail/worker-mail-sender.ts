/**
 * A batch's MailSender whose SMTP client runs in a worker thread: building, encoding and
 * encrypting hundreds of mails would otherwise share the main thread with the bookkeeping
 * of each row, the grid and the LAN pages. Answers come back as MailSendError like in-process.
 */
import { startWorker } from '../support/start-worker';
import { MailSendError, type MailSender } from './mail-sender';
import type { MailWorkerReply, MailWorkerRequest, MailWorkerSetup } from './mail-worker-messages';

export function createWorkerMailSender(setup: MailWorkerSetup): MailSender {
  const worker = startWorker(import.meta.url, 'mail-worker', setup);
  let nextId = 1;
  const pending = new Map<number, { resolve(r: { response: string }): void; reject(e: Error): void }>();
  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(new MailSendError(e.message, false, true));
    pending.clear();
  };
  worker.on('message', (r: MailWorkerReply) => {
    const p = pending.get(r.id);
    if (!p) return;
    pending.delete(r.id);
    if (r.ok) p.resolve({ response: r.response });
    else p.reject(new MailSendError(r.answer, r.permanent, r.unreachable));
  });
  worker.on('error', failAll);
  worker.on('exit', () => failAll(new Error('mail worker stopped')));
  const post = (m: MailWorkerRequest) => worker.postMessage(m);
  return {
    send(mail) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        post({ type: 'send', id, mail });
      });
    },
    async verify() {},
    close() {
      post({ type: 'close' });
    },
  };
}
