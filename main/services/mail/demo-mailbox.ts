/**
 * The demo's built-in mailbox: a real SMTP server on loopback that keeps what it receives
 * in memory, so a newcomer can follow the whole mail flow on one machine (「デモ用受信箱」).
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { DemoMail } from '../../../preload/contract';

const KEEP = 500;

export interface DemoMailbox {
  url: string;
  list(): DemoMail[];
  onReceive(listener: (mail: DemoMail) => void): void;
  close(): Promise<void>;
}

export async function startDemoMailbox(now: () => number): Promise<DemoMailbox> {
  const mails: DemoMail[] = [];
  const listeners: ((m: DemoMail) => void)[] = [];
  let nextId = 1;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    banner: 'Focus U demo mailbox',
    size: 1024 * 1024,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : parsed.to?.text ?? '';
          const mail: DemoMail = { id: nextId++, receivedAt: now(), to, subject: parsed.subject ?? '', text: parsed.text ?? '' };
          mails.unshift(mail);
          mails.length = Math.min(mails.length, KEEP);
          for (const l of listeners) l(mail);
          callback();
        })
        .catch((e: Error) => callback(e));
    },
  });
  server.on('error', () => {}); // a broken client connection must not stop the demo
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    list: () => [...mails],
    onReceive: (l) => void listeners.push(l),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
