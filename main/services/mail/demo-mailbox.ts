/**
 * The demo's built-in mailbox: a real SMTP server on loopback that keeps what it receives
 * in memory, so a newcomer can follow the whole mail flow on one machine (「デモ用受信箱」).
 * A mail to an address at a `.invalid` domain bounces: its delivery report goes to the sender's
 * mailbox, which 送信エラーの確認 watches in the demo (demo-reports.ts), and is listed here too.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { DemoMail } from '../../../preload/contract';
import type { MailboxConnection } from '../bounces/mailbox';
import { bouncesInDemo, demoDeliveryReport, DemoReportBox } from './demo-reports';

const KEEP = 500;

export interface DemoMailbox {
  url: string;
  list(): DemoMail[];
  onReceive(listener: (mail: DemoMail) => void): void;
  /** the sender's mailbox, where the reports of bounced mails arrive (watched like an IMAP folder) */
  openReports(): MailboxConnection;
  reports: DemoReportBox;
  close(): Promise<void>;
}

export async function startDemoMailbox(now: () => number): Promise<DemoMailbox> {
  const mails: DemoMail[] = [];
  const listeners: ((m: DemoMail) => void)[] = [];
  let nextId = 1;
  const reports = new DemoReportBox();
  const keep = (mail: DemoMail) => {
    mails.unshift(mail);
    mails.length = Math.min(mails.length, KEEP);
    for (const l of listeners) l(mail);
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    banner: 'Focus U demo mailbox',
    size: 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : parsed.to?.text ?? '';
            const mail: DemoMail = { id: nextId++, receivedAt: now(), to, subject: parsed.subject ?? '', text: parsed.text ?? '' };
            // the envelope is read before answering: smtp-server resets it for the next mail
            const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
            const bounced = session.envelope.rcptTo.map((r) => r.address).filter(bouncesInDemo);
            callback();
            if (bounced.length === 0 || !from) return keep(mail);
            // as a mail server would: accepted now, undeliverable, reported back to the sender a moment later
            const headerEnd = raw.indexOf('\r\n\r\n');
            const originalHeaders = raw.subarray(0, headerEnd > 0 ? headerEnd : raw.length).toString('utf8');
            setTimeout(() => {
              for (const address of bounced) {
                const report = demoDeliveryReport({ from, to: address, messageId: parsed.messageId ?? null, originalHeaders, at: new Date(now()) });
                reports.add(report);
                simpleParser(report).then((r) => keep({ id: nextId++, receivedAt: now(), to: from, subject: r.subject ?? '', text: r.text ?? '' }), () => undefined);
              }
            }, 200);
          })
          .catch((e: Error) => callback(e));
      });
    },
  });
  server.on('error', () => {}); // a broken client connection must not stop the demo
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    list: () => [...mails],
    onReceive: (l) => void listeners.push(l),
    openReports: () => reports.open(),
    reports,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
