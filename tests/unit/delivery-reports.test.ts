import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { diagnosticLine, mayBeReport, readDeliveryReport } from '../../main/services/bounces/parse-report';
import { exchangeOnlineNdr, gmailNotice, malformedReports, ordinaryMail, postfixDsn } from '../support/bounce-fixtures';

const AT = new Date(Date.UTC(2026, 11, 1, 1, 2, 0));
const ID = '<0123456789abcdef0123456789abcdef.focus-u@example.co.jp>';
const o = { messageId: ID, to: 'tanaka@exmaple.co.jp' };

async function report(source: Buffer) {
  const r = await readDeliveryReport(source);
  if (r.kind !== 'report') throw new Error(`not read as a report: ${JSON.stringify(r)}`);
  return r.report;
}

describe('delivery reports, in the shapes the servers write them', () => {
  it('RFC 3464 (Postfix): the recipient, 5.1.1, one diagnostic line, the original Message-ID, the arrival date', async () => {
    expect(await report(postfixDsn(o, AT))).toEqual({
      shape: 'rfc3464', originalMessageId: ID, anchorAt: AT.getTime(),
      recipients: [{
        address: 'tanaka@exmaple.co.jp', kind: 'failed', status: '5.1.1',
        diagnostic: '550 5.1.1 <tanaka@exmaple.co.jp>: Recipient address rejected: User unknown in local recipient table',
      }],
    });
    // the returned headers alone (text/rfc822-headers) carry it too
    expect((await report(postfixDsn(o, AT, { headersOnly: true }))).originalMessageId).toBe(ID);
  });

  it('a delay notice (4.x.x) is a delay, not a failure', async () => {
    const r = await report(postfixDsn(o, AT, { status: '4.4.1', diagnostic: 'X-Postfix; connect to mx.exmaple.co.jp[192.0.2.9]:25: Connection timed out' }));
    expect(r.recipients).toEqual([{ address: 'tanaka@exmaple.co.jp', kind: 'delayed', status: '4.4.1', diagnostic: 'connect to mx.exmaple.co.jp[192.0.2.9]:25: Connection timed out' }]);
  });

  it('Exchange Online / Outlook NDR: 5.1.10 RESOLVER.ADR.RecipientNotFound, Message-ID from the returned headers', async () => {
    expect(await report(exchangeOnlineNdr(o, AT))).toEqual({
      shape: 'exchange', originalMessageId: ID, anchorAt: AT.getTime(),
      recipients: [{ address: 'tanaka@exmaple.co.jp', kind: 'failed', status: '5.1.10', diagnostic: '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup' }],
    });
  });

  it('an Exchange NDR that lost its delivery-status part is read from its administrators\' section', async () => {
    expect(await report(exchangeOnlineNdr(o, AT, { withoutStatusPart: true }))).toEqual({
      shape: 'ndr-text', originalMessageId: ID, anchorAt: AT.getTime(),
      recipients: [{ address: 'tanaka@exmaple.co.jp', kind: 'failed', status: '5.1.10', diagnostic: '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup' }],
    });
  });

  it('Gmail: X-Original-Message-ID, the multi-line 550-5.1.1 answer joined into one line; and its delay notice', async () => {
    const failure = await report(gmailNotice(o, AT));
    expect(failure.shape).toBe('gmail');
    expect(failure.originalMessageId).toBe(ID);
    expect(failure.recipients).toEqual([{
      address: 'tanaka@exmaple.co.jp', kind: 'failed', status: '5.1.1',
      diagnostic: "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser d9443c01a7336-21e6c5b3e1fsi1234567a.265 - gsmtp",
    }]);
    const delay = await report(gmailNotice(o, AT, 'delay'));
    expect(delay.recipients.map((r) => [r.kind, r.status])).toEqual([['delayed', '4.4.1']]);
  });

  it('a report that quotes no Message-ID still names the recipient (matched by recipient and time later)', async () => {
    const r = await report(postfixDsn({ ...o, messageId: null }, AT));
    expect(r.originalMessageId).toBeNull();
    expect(r.recipients[0]!.address).toBe('tanaka@exmaple.co.jp');
  });

  it('malformed reports are named as such, never read as a report; ordinary mail is not a report', async () => {
    for (const [name, source] of Object.entries(malformedReports(o, AT))) {
      const r = await readDeliveryReport(source);
      expect(r.kind, name).not.toBe('report');
    }
    expect((await readDeliveryReport(ordinaryMail(AT))).kind).toBe('notReport');
  });

  it('the header check picks reports and leaves ordinary mail unfetched', () => {
    const h = (contentType: string, from: string, subject: string, ndrHeader = false) => mayBeReport({ contentType, from, subject, ndrHeader, autoSubmitted: '' });
    expect(h('multipart/report; report-type=delivery-status; boundary=x', 'x@y', 'x')).toBe(true);
    expect(h('text/plain', 'MAILER-DAEMON@mx.example.co.jp (Mail Delivery System)', 'Undelivered Mail Returned to Sender')).toBe(true);
    expect(h('multipart/mixed', 'Microsoft Outlook <MicrosoftExchange1@x.onmicrosoft.com>', 'Undeliverable: x', true)).toBe(true);
    expect(h('text/plain', 'yamamoto@example.co.jp', 'Re: 来週の会議について')).toBe(false);
    expect(h('multipart/mixed', 'yamamoto@example.co.jp', '資料をお送りします')).toBe(false);
  });

  it('a diagnostic is one line of at most 300 characters, without control characters', () => {
    expect(diagnosticLine('smtp; 550 5.1.1 a\r\n\tb\u0007c')).toBe('550 5.1.1 a b c');
    expect([...diagnosticLine(`smtp; 550 ${'長'.repeat(1000)}`)].length).toBe(300);
  });

  it('keeps up with mailparser: every fixture parses with plain simpleParser too (the bench\'s baseline)', async () => {
    for (const s of [postfixDsn(o, AT), exchangeOnlineNdr(o, AT), gmailNotice(o, AT)]) expect((await simpleParser(s)).subject).toBeTruthy();
  });
});
