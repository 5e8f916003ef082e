/**
 * The watched mailbox over IMAP with imapflow: implicit TLS, STARTTLS (required: a server that
 * does not offer it is refused rather than sent the password in clear) or none; a password or
 * an OAuth 2.0 access token (XOAUTH2); IDLE where the server has it (imapflow keeps it running
 * between commands and reports new mail as 'exists'). Every read uses BODY.PEEK, so nothing is
 * flagged by being read.
 */
import { ImapFlow, type FetchMessageObject } from 'imapflow';
import type { SmtpSecurity } from '../../../db/queries/settings';
import { parseHeaderSection } from './report-fields';
import { ChangeNotices, type MailboxConnection, type MessageHeaders } from './mailbox';

export interface ImapTarget {
  host: string;
  port: number;
  security: SmtpSecurity;
  user: string;
  auth: { password: string } | { accessToken: string };
  folder: string;
  /** '' marks a handled report \Seen; else it is moved to this folder */
  moveTo: string;
  /** extra TLS options (tests trust their own CA; an office can point NODE_EXTRA_CA_CERTS at its own) */
  tls?: { ca?: string | Buffer };
}

export interface ImapTimeouts { connectionTimeout: number; greetingTimeout: number; socketTimeout: number }

/**
 * As for SMTP: 15 s to connect and for the greeting; 5 minutes of silence (IDLE is renewed well
 * within it, and servers send "still here" every few minutes while idling).
 */
export const IMAP_TIMEOUTS: ImapTimeouts = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 5 * 60_000 };
/** imapflow's IDLE is restarted this often (some servers and NAT boxes drop a connection silent for longer). */
const MAX_IDLE_MS = 4 * 60_000;

const HEADER_FIELDS = ['content-type', 'from', 'subject', 'x-ms-exchange-message-is-ndr', 'auto-submitted'];

export class ImapLoginError extends Error {}

export async function openImapMailbox(t: ImapTarget, timeouts: ImapTimeouts = IMAP_TIMEOUTS): Promise<MailboxConnection & { messages: number; hasFolder(name: string): Promise<boolean> }> {
  const client = new ImapFlow({
    host: t.host,
    port: t.port,
    secure: t.security === 'tls',
    // STARTTLS required when chosen; never attempted when "none" was chosen (a loopback server)
    doSTARTTLS: t.security === 'starttls' ? true : t.security === 'none' ? false : undefined,
    auth: 'password' in t.auth ? { user: t.user, pass: t.auth.password } : { user: t.user, accessToken: t.auth.accessToken },
    logger: false,
    tls: { servername: /^[\d.:]+$/.test(t.host) ? undefined : t.host, ...t.tls },
    maxIdleTime: MAX_IDLE_MS,
    // IDLE right after the watcher's few commands (imapflow waits 15 s by default, and hears of no new mail meanwhile)
    autoIdleDelay: 300,
    connectionTimeout: timeouts.connectionTimeout,
    greetingTimeout: timeouts.greetingTimeout,
    socketTimeout: timeouts.socketTimeout,
    clientInfo: { name: 'Focus U' },
  });
  const notices = new ChangeNotices();
  let closed = false;
  client.on('exists', () => notices.signal('changed'));
  client.on('close', () => {
    closed = true;
    notices.signal('closed');
  });
  client.on('error', () => notices.signal('closed')); // the 'close' follows; the reason comes back from the next command
  try {
    await client.connect();
  } catch (e) {
    client.close();
    throw (e as { authenticationFailed?: boolean }).authenticationFailed ? new ImapLoginError(String((e as Error).message)) : e;
  }
  let mailbox;
  try {
    mailbox = await client.mailboxOpen(t.folder);
  } catch (e) {
    await client.logout().catch(() => client.close());
    throw e;
  }
  const idle = client.capabilities.has('IDLE');

  return {
    uidValidity: String(mailbox.uidValidity),
    idle,
    messages: mailbox.exists,
    async newUids(afterUid, since) {
      const found = afterUid > 0
        ? await client.search({ uid: `${afterUid + 1}:*` }, { uid: true })
        : await client.search({ since }, { uid: true });
      // "N:*" names the last message even when N is past it: only the newer ones
      return (found || []).filter((u) => u > afterUid).sort((a, b) => a - b);
    },
    async headers(uids) {
      if (uids.length === 0) return [];
      const out: MessageHeaders[] = [];
      for await (const m of client.fetch(uids.join(','), { uid: true, size: true, headers: HEADER_FIELDS }, { uid: true })) out.push(headersOf(m));
      return out;
    },
    async source(uid) {
      const m = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
      return m && m.source ? m.source : null;
    },
    async markHandled(uids) {
      if (uids.length === 0) return {};
      const range = uids.join(',');
      if (t.moveTo) {
        // Without MOVE, imapflow moves by COPY, \Deleted and EXPUNGE; without UIDPLUS that EXPUNGE
        // is the folder's, and would also remove anyone's messages flagged \Deleted: never here.
        const canMove = client.capabilities.has('MOVE') || client.capabilities.has('UIDPLUS');
        // false: refused by the server (the folder deleted since it was saved, no right to it)
        if (canMove && (await client.messageMove(range, t.moveTo, { uid: true }))) return {};
        await client.messageFlagsAdd(range, ['\\Seen'], { uid: true });
        return { notMoved: { folder: t.moveTo, why: canMove ? 'refused' : 'unsupported' } };
      }
      await client.messageFlagsAdd(range, ['\\Seen'], { uid: true });
      return {};
    },
    waitForChange: (ms) => notices.wait(ms),
    async hasFolder(name) {
      return client.status(name, { messages: true }).then(() => true, () => false);
    },
    async close() {
      notices.signal('closed');
      if (closed) return;
      await Promise.race([client.logout(), new Promise((r) => setTimeout(r, 5_000))]).catch(() => undefined);
      client.close();
    },
  };
}

function headersOf(m: FetchMessageObject): MessageHeaders {
  const h = parseHeaderSection(m.headers ? m.headers.toString('utf8') : '');
  return {
    uid: m.uid,
    size: m.size ?? 0,
    contentType: h.get('content-type') ?? '',
    from: h.get('from') ?? '',
    subject: h.get('subject') ?? '',
    ndrHeader: h.has('x-ms-exchange-message-is-ndr'),
    autoSubmitted: h.get('auto-submitted') ?? '',
  };
}

/** 「接続テスト」: logs in, opens the folder (and the folder reports are moved to), says how it went. */
export async function testImapMailbox(t: ImapTarget, timeouts: ImapTimeouts = IMAP_TIMEOUTS): Promise<{ messages: number; idle: boolean; moveToMissing: boolean }> {
  const box = await openImapMailbox(t, timeouts);
  try {
    return { messages: box.messages, idle: box.idle, moveToMissing: t.moveTo !== '' && !(await box.hasFolder(t.moveTo)) };
  } finally {
    await box.close();
  }
}
