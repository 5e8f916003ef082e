import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import selfsigned from 'selfsigned';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export const SMTP_USER = 'focusu';
export const SMTP_PASS = 'smtp-secret-1';

export interface ReceivedMail { to: string; subject: string; text: string; parsed: ParsedMail }

export interface TestSmtpServer {
  port: number;
  /** for --smtp-url: STARTTLS with the test's self-signed certificate, and AUTH */
  url: string;
  mails: ReceivedMail[];
  /** mails to this recipient are refused with `code message` (`times` times, or always) */
  refuse(recipient: string, code: number, message: string, times?: number): void;
  /** mails for this recipient are received, but the DATA is refused (as a full mailbox would) */
  failData(recipient: string, code: number, message: string): void;
  waitForMail(predicate: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** A real SMTP server on loopback: STARTTLS required, AUTH PLAIN/LOGIN required. */
export async function startTestSmtpServer(
  extra: Partial<SMTPServerOptions> = {},
  opts: {
    acceptDelayMs?: number;
    /** cut this many connections while their DATA is arriving */
    dropDuringData?: number;
    /** awaited before a received mail is accepted: a test holds mails "on their way" for as long as it likes */
    beforeAccept?: (mail: { to: string; subject: string }) => Promise<void> | void;
  } = {},
): Promise<TestSmtpServer> {
  let dropsLeft = opts.dropDuringData ?? 0;
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], { notAfterDate: new Date(Date.now() + 86_400_000), keySize: 2048 });
  const mails: ReceivedMail[] = [];
  const refusals = new Map<string, { error: Error & { responseCode: number }; left: number }>();
  const dataFailures = new Map<string, Error & { responseCode: number }>();
  const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });
  const waiters: { predicate: (m: ReceivedMail) => boolean; resolve(m: ReceivedMail): void }[] = [];

  const server = new SMTPServer({
    secure: false,
    key: pems.private,
    cert: pems.cert,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, session, callback) {
      if (!session.secure) return callback(new Error('STARTTLS first'));
      if (auth.username === SMTP_USER && auth.password === SMTP_PASS) return callback(null, { user: auth.username });
      callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
    },
    onRcptTo(address, _session, callback) {
      const refusal = refusals.get(address.address);
      if (refusal && refusal.left > 0) {
        refusal.left -= 1;
        return callback(refusal.error);
      }
      callback();
    },
    onData(stream, session, callback) {
      if (dropsLeft > 0) {
        dropsLeft -= 1;
        stream.once('data', () => {
          // like a server that crashes mid-message: the socket goes, no answer is ever sent
          const connections = (server as unknown as { connections: Set<{ session: { id: string }; _socket: { destroy(): void } }> }).connections;
          for (const c of connections) if (c.session.id === session.id) c._socket.destroy();
        });
        stream.resume();
        return;
      }
      const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
      simpleParser(stream).then(async (parsed) => {
        if (opts.acceptDelayMs) await new Promise((r) => setTimeout(r, opts.acceptDelayMs)); // a slow server
        await opts.beforeAccept?.({ to, subject: parsed.subject ?? '' });
        const failure = dataFailures.get(to);
        if (failure) return callback(failure);
        const mail = { to, subject: parsed.subject ?? '', text: parsed.text ?? '', parsed };
        mails.push(mail);
        for (const w of [...waiters]) {
          if (w.predicate(mail)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(mail);
          }
        }
        callback();
      }, (e: Error) => callback(e));
    },
    ...extra,
  });
  server.on('error', () => {});
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://${SMTP_USER}:${SMTP_PASS}@127.0.0.1:${port}?requireTLS=true&tls.rejectUnauthorized=false`,
    mails,
    refuse: (recipient, code, message, times = Infinity) => void refusals.set(recipient, { error: smtpError(code, message), left: times }),
    failData: (recipient, code, message) => void dataFailures.set(recipient, smtpError(code, message)),
    waitForMail(predicate, timeoutMs = 10_000) {
      const found = mails.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no such mail arrived')), timeoutMs);
        waiters.push({ predicate, resolve: (m) => { clearTimeout(timer); resolve(m); } });
      });
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
