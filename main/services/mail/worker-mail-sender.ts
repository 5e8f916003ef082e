/**
 * Bulk sends' SMTP clients in one long-lived worker thread: building, encoding and
 * encrypting hundreds of mails would otherwise share the main thread with each row's
 * bookkeeping, the grid and the LAN pages. Starting a worker costs more than a small batch
 * takes, so it is started once and kept (unreferenced while no batch is open).
 * Answers come back as MailSendError, as in-process. A batch that logs in with XOAUTH2 asks
 * for its tokens here (the main thread's TokenSource), where one-off sends get theirs too.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../support/start-worker';
import { MailSendError, type MailSender, type OutgoingMail, type TokenSource } from './mail-sender';
import type { BatchSetup, MailWorkerReply, MailWorkerRequest, MailWorkerTokenRequest } from './mail-worker-messages';
import { TokenError } from './oauth/token-errors';

export interface MailWorkerHost {
  /** A pooled sender for one batch; closing it closes the batch's connections, not the worker. `tokens`: for an OAuth target. */
  openBatch(setup: BatchSetup, tokens?: TokenSource): MailSender;
  close(): Promise<void>;
}

export function createMailWorkerHost(): MailWorkerHost {
  let worker: Worker | null = null;
  let nextId = 1;
  let openBatches = 0;
  const pending = new Map<number, { resolve(r: { response: string }): void; reject(e: Error): void }>();
  const tokenSources = new Map<number, TokenSource>();

  /** A connection in the worker logs in: the batch's token, or a renewal of a refused one. */
  function answerToken(w: Worker, r: MailWorkerTokenRequest): void {
    const tokens = tokenSources.get(r.batch);
    const asked = !tokens ? Promise.reject(new TokenError('batch closed', false))
      : r.renewGeneration === null ? tokens.get() : tokens.renew(r.renewGeneration);
    asked.then(
      (t) => w.postMessage({ type: 'token', requestId: r.requestId, ok: true, accessToken: t.accessToken, generation: t.generation } satisfies MailWorkerRequest),
      (e: unknown) => {
        const err = e instanceof TokenError ? e : new TokenError(String(e), false);
        w.postMessage({ type: 'token', requestId: r.requestId, ok: false, explanation: err.explanation, refusal: err.refusal } satisfies MailWorkerRequest);
      },
    );
  }

  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(new MailSendError(e.message, false, true));
    pending.clear();
    worker = null;
    openBatches = 0;
  };

  function ensureWorker(): Worker {
    if (worker) return worker;
    const w = startWorker(import.meta.url, 'mail-worker');
    w.on('message', (replies: MailWorkerReply[] | MailWorkerTokenRequest) => {
      if (!Array.isArray(replies)) return answerToken(w, replies);
      for (const r of replies) {
        const p = pending.get(r.id);
        if (!p) continue;
        pending.delete(r.id);
        if (r.ok) p.resolve({ response: r.response });
        else p.reject(new MailSendError(r.answer, r.permanent, r.unreachable, r.timeoutMs, r.mayHaveArrived, r.step));
      }
    });
    w.on('error', failAll);
    w.on('exit', (code) => failAll(new Error(`mail worker stopped (${code})`)));
    w.unref();
    worker = w;
    return w;
  }

  return {
    openBatch(setup, tokens) {
      const batch = nextId++;
      if (tokens) tokenSources.set(batch, tokens);
      let w: Worker | null = ensureWorker();
      const post = (m: MailWorkerRequest) => w?.postMessage(m);
      let outgoing: { id: number; mail: OutgoingMail }[] = [];
      const postOutgoing = () => {
        if (outgoing.length > 0) post({ type: 'send', batch, mails: outgoing });
        outgoing = [];
      };
      post({ type: 'open', batch, setup });
      if (openBatches++ === 0) w.ref(); // the process waits for a running batch
      // the batch's tokens stay on offer until its last mail has its answer, even after close()
      let unanswered = 0;
      let closed = false;
      const answered = () => {
        if (--unanswered === 0 && closed) tokenSources.delete(batch);
      };
      return {
        send(mail) {
          const id = nextId++;
          return new Promise((resolve, reject) => {
            if (!w || w !== worker) return reject(new MailSendError('mail worker stopped', false, true));
            unanswered++;
            pending.set(id, {
              resolve: (r) => { answered(); resolve(r); },
              reject: (e) => { answered(); reject(e); },
            });
            if (outgoing.length === 0) setImmediate(postOutgoing);
            outgoing.push({ id, mail });
          });
        },
        async verify() {},
        close() {
          if (!w) return;
          postOutgoing(); // mails handed over in this turn still go before the batch closes
          post({ type: 'close', batch });
          closed = true;
          if (unanswered === 0) tokenSources.delete(batch);
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
