/**
 * The demo's own delivery reports: a mail to an address at a reserved `.invalid` domain (RFC 2606:
 * it can never exist) comes back as a real RFC 3464 report, as a mail server would write it, to
 * the sender's mailbox — which the demo watches like an IMAP folder (送信エラーの確認), so the
 * one-machine demo shows a 送信エラー end to end.
 */
import { randomBytes } from 'node:crypto';
import { parseHeaderSection } from '../bounces/report-fields';
import { ChangeNotices, type MailboxConnection, type MessageHeaders } from '../bounces/mailbox';

export const bouncesInDemo = (address: string): boolean => /\.invalid$/i.test(address.trim());

/** A report in the shape Postfix writes, for one recipient of a mail with `messageId`. */
export function demoDeliveryReport(o: { from: string; to: string; messageId: string | null; originalHeaders: string; at: Date }): Buffer {
  const boundary = `demo-${randomBytes(8).toString('hex')}`;
  const date = o.at.toUTCString().replace('GMT', '+0000');
  return Buffer.from([
    'From: MAILER-DAEMON@focus-u-demo.invalid (Mail Delivery System)',
    `To: ${o.from}`,
    'Subject: Undelivered Mail Returned to Sender',
    `Date: ${date}`,
    'Auto-Submitted: auto-replied',
    `Message-ID: <${randomBytes(8).toString('hex')}@focus-u-demo.invalid>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is the demo mailbox of Focus U. Your message could not be delivered:',
    `<${o.to}>: Host or domain name not found (addresses at .invalid never exist)`,
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; focus-u-demo.invalid',
    `Arrival-Date: ${date}`,
    '',
    `Final-Recipient: rfc822; ${o.to}`,
    'Action: failed',
    'Status: 5.1.2',
    `Diagnostic-Code: smtp; 550 5.1.2 <${o.to}>: Host or domain name not found`,
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    o.originalHeaders.trimEnd(),
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n'));
}

/** The sender's mailbox of the demo: reports kept in memory, read like an IMAP folder. */
export class DemoReportBox {
  private readonly messages: { uid: number; source: Buffer; seen: boolean }[] = [];
  private nextUid = 1;
  private readonly connections = new Set<ChangeNotices>();

  add(source: Buffer): void {
    this.messages.push({ uid: this.nextUid++, source, seen: false });
    for (const c of this.connections) c.signal('changed');
  }

  /** whether a report was flagged as read (the watcher's \Seen) */
  seen(uid: number): boolean {
    return this.messages.find((m) => m.uid === uid)?.seen ?? false;
  }

  open(): MailboxConnection {
    const notices = new ChangeNotices();
    this.connections.add(notices);
    return {
      uidValidity: '1',
      idle: true,
      newUids: async (afterUid) => this.messages.filter((m) => m.uid > afterUid).map((m) => m.uid),
      headers: async (uids) => this.messages.filter((m) => uids.includes(m.uid)).map((m): MessageHeaders => {
        const h = parseHeaderSection(m.source.toString('utf8'));
        return {
          uid: m.uid, size: m.source.length, contentType: h.get('content-type') ?? '', from: h.get('from') ?? '',
          subject: h.get('subject') ?? '', ndrHeader: false, autoSubmitted: h.get('auto-submitted') ?? '',
        };
      }),
      source: async (uid) => this.messages.find((m) => m.uid === uid)?.source ?? null,
      markHandled: async (uids) => {
        for (const m of this.messages) if (uids.includes(m.uid)) m.seen = true;
        return {};
      },
      waitForChange: (ms) => notices.wait(ms),
      close: async () => {
        this.connections.delete(notices);
        notices.signal('closed');
      },
    };
  }
}
