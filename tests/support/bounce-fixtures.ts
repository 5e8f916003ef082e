/**
 * Delivery reports as the servers that send them write them, for tests and the bench: a Postfix
 * DSN (RFC 3464), an Exchange Online / Outlook NDR (multipart/report with Exchange's own fields,
 * from Microsoft's "Email non-delivery reports and SMTP errors in Exchange Online": the user part,
 * "Diagnostic information for administrators" with "Remote Server returned '…'", 5.1.10
 * RESOLVER.ADR.RecipientNotFound, the returned headers as text/rfc822-headers), the same NDR
 * without its delivery-status part (as a forwarding gateway leaves it), Gmail's failure and delay
 * notices (mailer-daemon@googlemail.com, X-Original-Message-ID, the multi-line "550-5.1.1"
 * answer, the original attached), and malformed ones. Lines end in CRLF, as on the wire.
 */

export interface Original { messageId: string | null; to: string; from?: string; subject?: string }

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
const date = (at: Date) => at.toUTCString().replace('GMT', '+0000');
const originalHeaders = (o: Original, at: Date) => [
  `From: Focus U <${o.from ?? 'soumu@example.co.jp'}>`,
  `To: ${o.to}`,
  `Subject: ${o.subject ?? '=?UTF-8?B?44CQRm9jdXMgVeOAkeOCouOCq+OCpuODs+ODiOiqjeiovOS+nemguw==?='}`,
  ...(o.messageId ? [`Message-ID: ${o.messageId}`] : []),
  `Date: ${date(at)}`,
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: base64',
].join('\n');

/** Postfix's bounce (RFC 3464), as its bounce(8) writes it. `status` 5.x.x fails, 4.x.x is a delay notice. */
export function postfixDsn(o: Original, at = new Date(), opts: { status?: string; diagnostic?: string; headersOnly?: boolean } = {}): Buffer {
  const status = opts.status ?? '5.1.1';
  const delayed = status.startsWith('4');
  const diagnostic = opts.diagnostic ?? `smtp; 550 5.1.1 <${o.to}>: Recipient address rejected: User unknown in local\n    recipient table`;
  return Buffer.from(crlf(`Return-Path: <>
Received: by mx.example.co.jp (Postfix) id 4F1A2B3C4D; ${date(at)}
Date: ${date(at)}
From: MAILER-DAEMON@mx.example.co.jp (Mail Delivery System)
Subject: ${delayed ? 'Delayed Mail (still being retried)' : 'Undelivered Mail Returned to Sender'}
To: ${o.from ?? 'soumu@example.co.jp'}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="4F1A2B3C4D.1764550000/mx.example.co.jp"
Message-Id: <20261201010203.4F1A2B3C4D@mx.example.co.jp>

This is a MIME-encapsulated message.

--4F1A2B3C4D.1764550000/mx.example.co.jp
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.co.jp.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

                   The mail system

<${o.to}>: host mx.example.co.jp[192.0.2.10] said: 550 5.1.1 <${o.to}>:
    Recipient address rejected: User unknown (in reply to RCPT TO command)

--4F1A2B3C4D.1764550000/mx.example.co.jp
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.co.jp
X-Postfix-Queue-ID: 4F1A2B3C4D
X-Postfix-Sender: rfc822; ${o.from ?? 'soumu@example.co.jp'}
Arrival-Date: ${date(at)}

Final-Recipient: rfc822; ${o.to}
Original-Recipient: rfc822;${o.to}
Action: ${delayed ? 'delayed' : 'failed'}
Status: ${status}
Remote-MTA: dns; mx.example.co.jp
Diagnostic-Code: ${diagnostic}
${delayed ? `Will-Retry-Until: ${date(new Date(at.getTime() + 5 * 86_400_000))}\n` : ''}
--4F1A2B3C4D.1764550000/mx.example.co.jp
Content-Description: ${opts.headersOnly ? 'Undelivered Message Headers' : 'Undelivered Message'}
Content-Type: ${opts.headersOnly ? 'text/rfc822-headers' : 'message/rfc822'}

${originalHeaders(o, at)}
${opts.headersOnly ? '' : '\n5bGx55SwIOWkqumDjiDmp5gK\n'}
--4F1A2B3C4D.1764550000/mx.example.co.jp--
`));
}

/** Exchange Online's NDR for an unknown recipient (550 5.1.10), with (or, `withoutStatusPart`, without) its delivery-status part. */
export function exchangeOnlineNdr(o: Original, at = new Date(), opts: { withoutStatusPart?: boolean } = {}): Buffer {
  const [local, domain] = o.to.split('@');
  const server = 'TYCPR01MB8190.jpnprd01.prod.outlook.com';
  const statusPart = opts.withoutStatusPart ? '' : `--_000_NDR_
Content-Type: message/delivery-status

Reporting-MTA: dns;${server}
Received-From-MTA: dns;TYWPR01MB9012.jpnprd01.prod.outlook.com
Arrival-Date: ${date(at)}

Final-recipient: RFC822; ${o.to}
Action: failed
Status: 5.1.10
Diagnostic-code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup
X-Display-Name: ${o.to}

`;
  return Buffer.from(crlf(`From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso.onmicrosoft.com>
To: <${o.from ?? 'soumu@contoso.co.jp'}>
Date: ${date(at)}
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="_000_NDR_"
MIME-Version: 1.0
Message-ID: <9c3f1e2a-6b7d-4e8f-a1b2-c3d4e5f60718@${server}>
${o.messageId ? `In-Reply-To: ${o.messageId}\nReferences: ${o.messageId}\n` : ''}Subject: Undeliverable: =?utf-8?B?44CQRm9jdXMgVeOAkeOCouOCq+OCpuODs+ODiOiqjeiovOS+nemguw==?=
Auto-Submitted: auto-replied
X-MS-Exchange-Message-Is-Ndr:
X-MS-PublicTrafficType: Email
X-MS-Exchange-Organization-AuthSource: ${server}

--_000_NDR_
Content-Type: multipart/alternative; boundary="_001_ALT_"

--_001_ALT_
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Your message to ${o.to} couldn't be delivered.
${local} wasn't found at ${domain}.

Action Required                                  Recipient
Unknown To address

How to Fix It
The address may be misspelled or may not exist. Try one or more of the following:
Retype the recipient's address, then resend the message.

Diagnostic information for administrators:

Generating server: ${server}

${o.to}
Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'

Original message headers:

Received: from TYWPR01MB9012.jpnprd01.prod.outlook.com by ${server} with HTTPS; ${date(at)}

--_001_ALT_
Content-Type: text/html; charset="utf-8"

<html><body><p>Your message to ${o.to} couldn't be delivered.</p></body></html>

--_001_ALT_--

${statusPart}--_000_NDR_
Content-Type: text/rfc822-headers

${originalHeaders(o, at)}

--_000_NDR_--
`));
}

/** Gmail's notice: failure (550-5.1.1, multi-line) or delay (4.4.1), the original attached. */
export function gmailNotice(o: Original, at = new Date(), kind: 'failure' | 'delay' = 'failure'): Buffer {
  const failure = kind === 'failure';
  const diagnostic = failure
    ? `smtp; 550-5.1.1 The email account that you tried to reach does not exist. Please try
 550-5.1.1 double-checking the recipient's email address for typos or
 550-5.1.1 unnecessary spaces. For more information, go to
 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser d9443c01a7336-21e6c5b3e1fsi1234567a.265 - gsmtp`
    : 'smtp; The recipient server did not accept our requests to connect. For more information, go to https://support.google.com/mail/answer/7720 [mx.example.jp. 192.0.2.20: timed out]';
  return Buffer.from(crlf(`Received: by 2002:a05:6a10:abcd:0:0:0:0 with SMTP id x13csp1234567pxb;
        ${date(at)}
Return-Path: <>
Date: ${date(at)}
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: ${o.from ?? 'soumu@example.co.jp'}
Auto-Submitted: auto-replied
Subject: Delivery Status Notification (${failure ? 'Failure' : 'Delay'})
${o.messageId ? `References: ${o.messageId}\nIn-Reply-To: ${o.messageId}\n` : ''}X-Failed-Recipients: ${o.to}
Message-ID: <6754a1b2.170a0220.3c4d5e.${failure ? 'f' : 'd'}1a2@mx.google.com>
MIME-Version: 1.0
Content-Type: multipart/report; boundary="000000000000abcdef0123456789"; report-type=delivery-status

--000000000000abcdef0123456789
Content-Type: multipart/related; boundary="000000000000abcdef0123456788"

--000000000000abcdef0123456788
Content-Type: multipart/alternative; boundary="000000000000abcdef0123456787"

--000000000000abcdef0123456787
Content-Type: text/plain; charset="UTF-8"

${failure ? `
** Address not found **

Your message wasn't delivered to ${o.to} because the address couldn't be found, or is unable to receive mail.

Learn more here: https://support.google.com/mail/?p=NoSuchUser

The response from the remote server was:
550 5.1.1 The email account that you tried to reach does not exist.` : `
** Message not delivered yet **

There was a temporary problem delivering your message to ${o.to}. Gmail will retry for 47 more hours. You'll be notified if the delivery fails permanently.`}

--000000000000abcdef0123456787--
--000000000000abcdef0123456788--
--000000000000abcdef0123456789
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com
Received-From-MTA: dns; ${o.from ?? 'soumu@example.co.jp'}
Arrival-Date: ${date(at)}
${o.messageId ? `X-Original-Message-ID: ${o.messageId}\n` : ''}
Final-Recipient: rfc822; ${o.to}
Action: ${failure ? 'failed' : 'delayed'}
Status: ${failure ? '5.1.1' : '4.4.1'}
Remote-MTA: dns; mx.example.jp. (192.0.2.20, the server for the domain example.jp.)
Diagnostic-Code: ${diagnostic}
Last-Attempt-Date: ${date(at)}
${failure ? '' : `Will-Retry-Until: ${date(new Date(at.getTime() + 47 * 3_600_000))}\n`}
--000000000000abcdef0123456789
Content-Type: message/rfc822

${originalHeaders(o, at)}

5bGx55SwIOWkqumDjiDmp5gK
--000000000000abcdef0123456789--
`));
}

/** Broken reports: a delivery-status part without recipients, one cut off in the middle, garbage. */
export function malformedReports(o: Original, at = new Date()): Record<string, Buffer> {
  const whole = postfixDsn(o, at).toString('utf8');
  return {
    noRecipients: Buffer.from(whole.replace(/Final-Recipient:[^\r]*\r\nOriginal-Recipient:[^\r]*\r\n/, '').replace(/Action: failed\r\nStatus: 5\.1\.1\r\n/, '')),
    truncated: Buffer.from(whole.slice(0, whole.indexOf('Final-Recipient') + 20)),
    statusGarbage: Buffer.from(whole.replace('Status: 5.1.1', 'Status: x.y.z').replace(/Diagnostic-Code: [\s\S]*?\r\n(?=\S)/, 'Diagnostic-Code: \u0000\u0001\r\n')),
    noBoundary: Buffer.from(whole.replace(/;\r\n\tboundary="[^"]+"/, '')),
    binary: Buffer.concat([Buffer.from('Content-Type: multipart/report; report-type=delivery-status; boundary=x\r\n\r\n--x\r\n'), Buffer.alloc(4096, 0xff)]),
  };
}

/** Someone's ordinary mail in the same mailbox: never read further, never touched. */
export function ordinaryMail(at = new Date(), subject = 'Re: 来週の会議について'): Buffer {
  return Buffer.from(crlf(`From: 山本 <yamamoto@example.co.jp>
To: soumu@example.co.jp
Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=
Date: ${date(at)}
Message-ID: <ordinary-${at.getTime()}@example.co.jp>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

よろしくお願いします。
`));
}
