/**
 * A real SMTP server on loopback that takes XOAUTH2 as Exchange Online or Gmail does, as far as a
 * sender sees it: STARTTLS (the test CA's certificate), then AUTH XOAUTH2 with an access token
 * checked against the test authorization server's keys — signature, audience, expiry by that
 * server's clock — and, for Microsoft, the SMTP.SendAsApp role, the mailbox permission of the
 * app's service principal, SMTP AUTH switched on for the mailbox, and SendAs for the From address.
 * PLAIN/LOGIN with a password are offered too, answered as a tenant without basic authentication
 * answers (535 5.7.139) when `basicAuthDisabled`.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAuthenticationResponse, type SMTPServerSession } from 'smtp-server';
import { EXCHANGE_AUDIENCE, GOOGLE_MAIL_SCOPE, type TestAuthorizationServer } from './oauth-test-server';
import type { TestCa } from './test-ca';
import { SMTP_PASS, SMTP_USER, type ReceivedMail } from './smtp-test-server';

export type Provider = 'microsoft' | 'google';

export interface AuthAttempt { method: string; user: string; ok: boolean; answer: string }

export interface OAuthSmtpServer {
  port: number;
  mails: ReceivedMail[];
  auths: AuthAttempt[];
  /** Exchange: mailbox → the service principals with access to it (Add-MailboxPermission) */
  mailboxAccess: Map<string, Set<string>>;
  /** Exchange: mailboxes with 「認証済み SMTP」 switched off */
  smtpAuthDisabled: Set<string>;
  /** the tenant refuses passwords (basic authentication) */
  basicAuthDisabled: boolean;
  /** runs after each accepted mail (its 1-based count) */
  afterMail: ((count: number) => void) | null;
  /** from now on, a session whose token has expired gets 421 at its next MAIL FROM and is closed */
  endExpiredSessions(): void;
  close(): Promise<void>;
}

interface SessionUser { user: string; tokenExp: number }

const exchangeHost = '[TYAPR01CA0001.jpnprd01.prod.outlook.com]';

export async function startOAuthSmtpServer(provider: Provider, ca: TestCa, oauth: TestAuthorizationServer): Promise<OAuthSmtpServer> {
  const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });
  let endExpired = false;
  const state = {
    mails: [] as ReceivedMail[], auths: [] as AuthAttempt[], mailboxAccess: new Map<string, Set<string>>(), smtpAuthDisabled: new Set<string>(),
    basicAuthDisabled: false, afterMail: null as ((count: number) => void) | null,
  };
  const refuse = (method: string, user: string, code: number, text: string, callback: (err: Error | null | undefined, response?: SMTPServerAuthenticationResponse) => void) => {
    state.auths.push({ method, user, ok: false, answer: `${code} ${text}` });
    callback(smtpError(code, text));
  };

  const server = new SMTPServer({
    secure: false,
    key: ca.keyPem,
    cert: ca.certPem,
    authMethods: ['XOAUTH2', 'PLAIN', 'LOGIN'],
    onAuth(auth, session, callback) {
      if (!session.secure) return callback(smtpError(530, '5.7.0 Must issue a STARTTLS command first'));
      if (auth.method !== 'XOAUTH2') {
        if (state.basicAuthDisabled) {
          return refuse(auth.method, auth.username ?? '', 535, `5.7.139 Authentication unsuccessful, basic authentication is disabled. ${exchangeHost}`, callback);
        }
        if (auth.username === SMTP_USER && auth.password === SMTP_PASS) {
          state.auths.push({ method: auth.method, user: auth.username, ok: true, answer: '235' });
          return callback(null, { user: { user: auth.username, tokenExp: Infinity } satisfies SessionUser });
        }
        return refuse(auth.method, auth.username ?? '', 535, '5.7.8 Authentication credentials invalid', callback);
      }
      const user = auth.username ?? '';
      const audience = provider === 'microsoft' ? EXCHANGE_AUDIENCE : GOOGLE_MAIL_SCOPE;
      oauth.verifyAccessToken(auth.accessToken ?? '', audience).then((claims) => {
        if (provider === 'microsoft') {
          if (state.smtpAuthDisabled.has(user)) {
            return refuse('XOAUTH2', user, 535, `5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information. ${exchangeHost}`, callback);
          }
          const roles = (claims.roles as string[] | undefined) ?? [];
          if (!roles.includes('SMTP.SendAsApp') || !state.mailboxAccess.get(user)?.has(String(claims.oid))) {
            return refuse('XOAUTH2', user, 535, `5.7.3 Authentication unsuccessful ${exchangeHost}`, callback);
          }
        } else if (claims.sub !== user) {
          return refuse('XOAUTH2', user, 535, '5.7.8 Username and Password not accepted. For more information, go to https://support.google.com/mail/?p=BadCredentials', callback);
        }
        state.auths.push({ method: 'XOAUTH2', user, ok: true, answer: '235' });
        callback(null, { user: { user, tokenExp: (claims.exp ?? 0) * 1000 } satisfies SessionUser });
      }, () => {
        // an expired or foreign token: Exchange answers 535 at once; Gmail challenges first (334 and
        // a JSON status), and a client may renew its token before the final 535
        if (provider === 'microsoft') return refuse('XOAUTH2', user, 535, `5.7.3 Authentication unsuccessful ${exchangeHost}`, callback);
        state.auths.push({ method: 'XOAUTH2', user, ok: false, answer: '334 challenge' });
        callback(null, { data: { status: '401', schemes: 'Bearer', scope: GOOGLE_MAIL_SCOPE } });
      });
    },
    onMailFrom(_address, session, callback) {
      const u = session.user as unknown as SessionUser | undefined;
      if (endExpired && u && u.tokenExp <= oauth.now()) {
        callback(smtpError(421, '4.7.0 Temporary authentication failure: the session has expired, please reconnect'));
        setImmediate(() => connectionOf(session)?.close());
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
      const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
      const u = session.user as unknown as SessionUser | undefined;
      simpleParser(stream).then((parsed) => {
        if (provider === 'microsoft' && u && from.toLowerCase() !== u.user.toLowerCase()) {
          return callback(smtpError(554, `5.2.252 SendAsDenied; ${u.user} not allowed to send as ${from}; STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied`));
        }
        state.mails.push({ to, subject: parsed.subject ?? '', text: parsed.text ?? '', parsed });
        callback();
        state.afterMail?.(state.mails.length);
      }, (e: Error) => callback(e));
    },
  });
  const connectionOf = (session: SMTPServerSession) =>
    [...(server as unknown as { connections: Set<{ session: { id: string }; close(): void }> }).connections].find((c) => c.session.id === session.id);
  server.on('error', () => {});
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return Object.assign(state, {
    port: (server.server.address() as AddressInfo).port,
    endExpiredSessions: () => void (endExpired = true),
    close: () => new Promise<void>((r) => server.close(() => r())),
  });
}
