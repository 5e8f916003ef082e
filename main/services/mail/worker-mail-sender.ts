/**
 * Bulk sends' SMTP clients in one long-lived worker thread: building, encoding and
 * encrypting hundreds of mails would otherwise share the main thread with each row's
 * bookkeeping, the grid and the LAN pages. Starting a worker costs more than a small batch
 * takes, so it is started once and kept (unreferenced while no batch is open).
 * Answers come back as MailSendError, as in-process.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../support/start-worker';
import { MailSendError, type MailSender, type OutgoingMail } from './mail-sender';
import type { BatchSetup, MailWorkerReply, MailWorkerRequest } from './mail-worker-messages';

export interface MailWorkerHost {
  /** A pooled sender for one batch; closing it closes the batch's connections, not the worker. */
  openBatch(setup: BatchSetup): MailSender;
  close(): Promise<void>;
}

export function createMailWorkerHost(): MailWorkerHost {
  let worker: Worker | null = null;
  let nextId = 1;
  let openBatches = 0;
  const pending = new Map<number, { resolve(r: { response: string }): void; reject(e: Error): void }>();

  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(new MailSendError(e.message, false, true));
    pending.clear();
    worker = null;
    openBatches = 0;
  };

  function ensureWorker(): Worker {
    if (worker) return worker;
    const w = startWorker(import.meta.url, 'mail-worker');
    w.on('message', (replies: MailWorkerReply[]) => {
      for (const r of replies) {
        const p = pending.get(r.id);
        if (!p) continue;
        pending.delete(r.id);
        if (r.ok) p.resolve({ response: r.response });
        else p.reject(new MailSendError(r.answer, r.permanent, r.unreachable, r.timeoutMs, r.mayHaveArrived));
      }
    });
    w.on('error', failAll);
    w.on('exit', (code) => failAll(new Error(`mail worker stopped (${code})`)));
    w.unref();
    worker = w;
    return w;
  }

  return {
    openBatch(setup) {
      const batch = nextId++;
      let w: Worker | null = ensureWorker();
      const post = (m: MailWorkerRequest) => w?.postMessage(m);
      let outgoing: { id: number; mail: OutgoingMail }[] = [];
      const postOutgoing = () => {
        if (outgoing.length > 0) post({ type: 'send', batch, mails: outgoing });
        outgoing = [];
      };
      post({ type: 'open', batch, setup });
      if (openBatches++ === 0) w.ref(); // the process waits for a running batch
      return {
        send(mail) {
          const id = nextId++;
          return new Promise((resolve, reject) => {
            if (!w || w !== worker) return reject(new MailSendError('mail worker stopped', false, true));
            pending.set(id, { resolve, reject });
            if (outgoing.length === 0) setImmediate(postOutgoing);
            outgoing.push({ id, mail });
          });
        },
        async verify() {},
        close() {
          if (!w) return;
          postOutgoing(); // mails handed over in this turn still go before the batch closes
          post({ type: 'close', batch });
          if (w === worker && --openBatches === 0) w.unref();
          w = null;
        },
      };
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
