/**
 * Reading a delivery report: mailparser splits the MIME (the delivery-status part kept as its
 * own part), then the report's fields are read. Shapes understood:
 * - RFC 3464 multipart/report; report-type=delivery-status (Postfix, Exim, Sendmail, and also
 *   Exchange Online's and Gmail's own reports, which follow it with their own fields:
 *   Exchange's 5.1.10 RESOLVER.ADR.RecipientNotFound, Gmail's X-Original-Message-ID and its
 *   multi-line "550-5.1.1" diagnostics); message/global-delivery-status (RFC 6533) alike;
 * - a non-delivery report without its machine-readable part (an Exchange / Outlook NDR whose
 *   delivery-status was dropped on the way, a Gmail notice as forwarded): the recipient and the
 *   server's answer are read from the human text ("Remote Server returned '550 5.1.1 …'",
 *   "The response from the remote server was: 550 5.1.1 …"), the original's Message-ID from the
 *   returned headers.
 * Only what matching and the history need comes out: the recipient, failed or delayed, the status
 * code, one diagnostic line, the original's Message-ID, and dates.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { addressIn, messageIdIn, parseFieldBlocks, parseHeaderSection, type FieldBlock } from './report-fields';

export type ReportShape = 'rfc3464' | 'exchange' | 'gmail' | 'ndr-text';

export interface ReportedRecipient {
  address: string;
  kind: 'failed' | 'delayed';
  /** RFC 3463 enhanced status code, e.g. 5.1.1 (Exchange: 5.1.10) */
  status: string;
  /** the server's answer, one line, at most DIAGNOSTIC_MAX characters */
  diagnostic: string;
}

export interface DeliveryReport {
  shape: ReportShape;
  /** the Message-ID of the mail the report is about, when it quotes it */
  originalMessageId: string | null;
  /** when the original reached the reporting server (Arrival-Date), else the report's own Date */
  anchorAt: number | null;
  recipients: ReportedRecipient[];
}

export type ReadOutcome =
  | { kind: 'report'; report: DeliveryReport }
  /** not a delivery report at all (someone's mail): left alone */
  | { kind: 'notReport' }
  /** looks like one but could not be read: left alone, named in the log */
  | { kind: 'malformed'; why: string };

export const DIAGNOSTIC_MAX = 300;
/** Reports bigger than this are not read (an NDR returns the original, our mails are a few KB). */
export const REPORT_MAX_BYTES = 2 * 1024 * 1024;

const STATUS = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;

/** From the headers alone: might this be a delivery report (worth fetching whole)? */
export function mayBeReport(h: { contentType: string; from: string; subject: string; ndrHeader: boolean; autoSubmitted: string }): boolean {
  if (h.ndrHeader) return true;
  if (/multipart\/report/i.test(h.contentType) && /delivery-status/i.test(h.contentType)) return true;
  if (/^\s*(?:"?[^"]*"?\s*)?<?\s*(mailer-daemon|postmaster)@/i.test(h.from)) return true;
  if (/auto-(replied|generated)/i.test(h.autoSubmitted) && NDR_SUBJECT.test(h.subject)) return true;
  return NDR_SUBJECT.test(h.subject) && /multipart\/(report|mixed)/i.test(h.contentType);
}

const NDR_SUBJECT = /undeliver|undelivered|delivery status notification|delivery has failed|returned mail|mail delivery failed|failure notice|配信不能|配信できません/i;

export async function readDeliveryReport(source: Buffer): Promise<ReadOutcome> {
  if (source.length > REPORT_MAX_BYTES) return { kind: 'malformed', why: 'too large' };
  let mail: ParsedMail;
  try {
    // keepDeliveryStatus: the machine-readable part stays a part of its own instead of joining the text
    mail = await simpleParser(source, { keepDeliveryStatus: true, skipHtmlToText: true, skipImageLinks: true, skipTextLinks: true } as Parameters<typeof simpleParser>[1]);
  } catch (e) {
    return { kind: 'malformed', why: `MIME: ${String(e).slice(0, 100)}` };
  }
  const header = (name: string) => {
    const v = mail.headers.get(name);
    return typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v);
  };
  const parts = mail.attachments;
  const statusPart = parts.find((a) => /^message\/(global-)?delivery-status$/i.test(a.contentType));
  const returned = parts.find((a) => /^(text\/rfc822-headers|message\/rfc822|message\/global|message\/global-headers)$/i.test(a.contentType));
  const returnedId = returned ? messageIdIn(parseHeaderSection(returned.content.toString('utf8')).get('message-id')) : null;
  const reportedAt = mail.date ? mail.date.getTime() : null;
  const ndrHeader = header('x-ms-exchange-message-is-ndr') !== '' || mail.headers.has('x-ms-exchange-message-is-ndr');
  const fromText = mail.from?.text ?? '';

  if (statusPart) {
    const blocks = parseFieldBlocks(statusPart.content.toString('utf8'));
    const perMessage = blocks[0];
    const recipientBlocks = blocks.slice(1).filter((b) => b.has('final-recipient') || b.has('original-recipient'));
    if (!perMessage || recipientBlocks.length === 0) return { kind: 'malformed', why: 'delivery-status without recipients' };
    const read = recipientBlocks.map(recipientOf);
    // a recipient or a status that cannot be read (a report cut off, garbage): nothing of it is trusted
    if (read.some((r) => r === 'unreadable')) return { kind: 'malformed', why: 'unreadable recipient or status' };
    const recipients = read.filter((r): r is ReportedRecipient => r !== null && r !== 'unreadable');
    const reporter = `${perMessage.get('reporting-mta') ?? ''} ${fromText}`;
    const shape: ReportShape = ndrHeader || /outlook\.com|exchangelabs|protection\.outlook/i.test(reporter) ? 'exchange'
      : /google(mail)?\.com/i.test(reporter) ? 'gmail' : 'rfc3464';
    const arrival = dateOf(perMessage.get('arrival-date'));
    return {
      kind: 'report',
      report: {
        shape,
        originalMessageId: messageIdIn(perMessage.get('x-original-message-id') ?? perMessage.get('original-message-id')) ?? returnedId,
        anchorAt: arrival ?? reportedAt,
        recipients,
      },
    };
  }

  const looksLikeNdr = ndrHeader || (NDR_SUBJECT.test(mail.subject ?? '') && /mailer-daemon|postmaster|microsoftexchange/i.test(fromText));
  if (!looksLikeNdr) {
    return /multipart\/report/i.test(header('content-type')) ? { kind: 'malformed', why: 'report without delivery-status' } : { kind: 'notReport' };
  }
  const recipients = recipientsFromText(mail.text ?? '');
  if (recipients.length === 0) return { kind: 'malformed', why: 'NDR text without a recipient and status' };
  return {
    kind: 'report',
    report: { shape: 'ndr-text', originalMessageId: returnedId ?? messageIdIn(header('in-reply-to')), anchorAt: reportedAt, recipients },
  };
}

/** One per-recipient block: failed or delayed (delivered, relayed, expanded: nothing to report). */
function recipientOf(b: FieldBlock): ReportedRecipient | null | 'unreadable' {
  const address = addressIn(b.get('final-recipient')) ?? addressIn(b.get('original-recipient'));
  if (!address) return 'unreadable';
  const diagnostic = diagnosticLine(b.get('diagnostic-code') ?? '');
  const status = statusOf(b.get('status')) ?? statusOf(diagnostic) ?? basicStatus(diagnostic);
  const action = (b.get('action') ?? '').toLowerCase().trim();
  const kind = action === 'failed' ? 'failed' : action === 'delayed' ? 'delayed'
    : action === '' && status?.startsWith('5') ? 'failed' : action === '' && status?.startsWith('4') ? 'delayed' : null;
  if (action === 'delivered' || action === 'relayed' || action === 'expanded') return null;
  if (!kind || !status) return 'unreadable';
  // a "failed" action with a 4.x.x code (some servers give up on a temporary error): it failed
  return { address, kind, status, diagnostic: diagnostic || status };
}

/** The human text of an NDR: the recipient on the line before the server's answer. */
function recipientsFromText(text: string): ReportedRecipient[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim());
  const found: ReportedRecipient[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const answer = /Remote Server returned '([^']+)'/i.exec(lines[i]!)?.[1]
      ?? (/The response (?:from the remote server )?was:?$/i.test(lines[i]!) ? lines[i + 1] : undefined);
    if (!answer) continue;
    const status = statusOf(answer) ?? basicStatus(answer);
    if (!status) continue;
    // the address: on a line just above (Exchange), or named in the notice's first lines (Gmail)
    const near = lines.slice(Math.max(0, i - 3), i).reverse().map((l) => addressIn(/^\S+@\S+$/.test(l) ? l : '')).find(Boolean)
      ?? lines.slice(0, i).map((l) => /(?:delivered to|wasn't delivered to|to these recipients or groups:?)\s*<?([^\s<>]+@[^\s<>]+?)>?(?:\s|$)/i.exec(l)?.[1]?.toLowerCase()).find(Boolean)
      ?? lines.slice(0, i).map((l) => /^([^\s<>()]+@[^\s<>()]+)\s*(?:\(|$)/.exec(l)?.[1]?.toLowerCase()).find(Boolean);
    if (!near || seen.has(near)) continue;
    seen.add(near);
    found.push({ address: near, kind: status.startsWith('5') ? 'failed' : 'delayed', status, diagnostic: diagnosticLine(answer) });
  }
  return found;
}

const statusOf = (s: string | undefined): string | null => {
  const m = s ? STATUS.exec(s) : null;
  return m ? `${m[1]}.${m[2]}.${m[3]}` : null;
};

/** A plain SMTP reply code without an enhanced one: 550 → 5.0.0, 452 → 4.0.0. */
const basicStatus = (s: string): string | null => {
  const m = /(?:^|\s)([45])\d\d(?:[\s-]|$)/.exec(s);
  return m ? `${m[1]}.0.0` : null;
};

/**
 * One line of the server's answer: "smtp;" dropped, folded and multi-line answers joined (Gmail's
 * "550-5.1.1 … 550-5.1.1 … 550 5.1.1 …" keeps its first code only), control characters gone.
 */
export function diagnosticLine(value: string): string {
  let s = value.replace(/^\s*(smtp|x-postfix|x-unix|x-local|x-exchange)\s*;\s*/i, '');
  s = s.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').replace(/\s+/g, ' ').trim();
  const first = /^(\d{3})[ -](\d\.\d{1,3}\.\d{1,3})\s+/.exec(s);
  if (first) {
    const again = new RegExp(`\\s${first[1]!}[ -]${first[2]!.replace(/\./g, '\\.')}\\s+`, 'g');
    s = `${first[0]}${s.slice(first[0].length).replace(again, ' ')}`.replace(`${first[1]}-`, `${first[1]} `);
  }
  return [...s].length > DIAGNOSTIC_MAX ? `${[...s].slice(0, DIAGNOSTIC_MAX - 1).join('')}…` : s;
}

function dateOf(value: string | undefined): number | null {
  if (!value) return null;
  const t = Date.parse(value.replace(/\s*\([^)]*\)\s*$/, ''));
  return Number.isFinite(t) ? t : null;
}
