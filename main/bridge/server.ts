/**
 * Headless mode's transport: the admin screens and the contract, on 127.0.0.1 by default, or
 * on a LAN address over HTTPS only (the service mode: administered from other PCs).
 * Locks on every admin request: the Host must be this server (no DNS rebinding; admin-hosts.ts),
 * the Origin (when sent) must be this server (no cross-site calls), the per-launch token — written
 * into the page this server serves — must be present, and the administrator's session cookie too
 * (the contract's auth methods excepted: they are how a session starts; admin-cookie.ts). The PDF
 * download, a plain link, needs the session and its one-time id instead of the token.
 * On loopback the token is what a local web page cannot have. On the LAN anyone who can reach the
 * page has it; there the login (its lockout and the per-source throttle, login-throttle.ts), the
 * Secure __Host- cookie, HSTS and the Host/Origin checks against the configured names protect.
 * `/healthz` answers anyone, with nothing but ok, the version and whether the portal runs.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type CookieOptions, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import {
  BRIDGE_CALL_PATH, BRIDGE_EVENTS_PATH, BRIDGE_TOKEN_HEADER, PDF_DOWNLOAD_PATH, type EventMessage,
} from '../../preload/contract';
import { issueIdSchema } from '../../preload/schemas';
import type { PdfIssuanceService } from '../services/pdf-issuance-service';
import { ja } from '../../preload/i18n/ja';
import type { CallContext, Dispatcher } from '../api/dispatcher';
import type { EventBus } from '../services/support/event-bus';
import type { Logger } from '../services/support/logger';
import { systemClock, type Clock } from '../services/support/clock';
import type { TlsOptions } from '../services/portal-tls';
import { closeServer, listen, urlHost } from '../net/listen';
import type { RunningServer } from '../portal/server';
import type { Budget } from '../portal/limits';
import { adminCookie } from './admin-cookie';
import { adminHostPolicy, isLoopbackHost } from './admin-hosts';
import { AdminLoginThrottle, PASSWORD_CHECKING_METHODS } from './login-throttle';
import { cookieOf } from '../net/cookie-of';

/** Whether the admin screens have been built (`npm run build:renderer` writes them). */
export const rendererBuilt = (rendererDir: string): boolean => existsSync(path.join(rendererDir, 'index.html'));

/** The admin session cookie of the plain-HTTP bridge listening on `port` (loopback). */
export const adminCookieName = (port: number): string => adminCookie(port, false).name;
const LOOPBACK = '127.0.0.1';
/** HSTS on the LAN listener: a year (browsers ignore it for IP literals; it binds the configured names) */
const HSTS_MAX_AGE_S = 365 * 24 * 60 * 60;

/** Why the admin screens cannot listen where asked: a LAN address without a certificate. */
export class AdminNeedsHttpsError extends Error {
  constructor(readonly host: string) {
    super(`the admin screens on ${host} need HTTPS`);
    this.name = 'AdminNeedsHttpsError';
  }
}

export interface BridgeOptions {
  port: number;
  /** where to listen: 127.0.0.1 unless given; any other address needs `tls` */
  host?: string;
  /** the administrator's certificate: HTTPS (required off loopback) */
  tls?: TlsOptions | null;
  /** host names the administrators use to reach this server (besides IP literals) */
  names?: readonly string[];
  /** for /healthz */
  version?: string;
  portalRunning?: () => boolean;
  /** the login throttle's clock and budgets (tests) */
  clock?: Clock;
  loginLimits?: Budget[];
  dispatcher: Dispatcher;
  events: EventBus;
  logger: Logger;
  rendererDir: string;
  /** whether a session id is a logged-in administrator (refreshes the session: a request is activity) */
  isLoggedIn: (sessionId: string | null) => boolean;
  /** the same question without refreshing: an open event stream is not activity, it must not keep a session alive */
  isSessionLive: (sessionId: string | null) => boolean;
  /** headless delivery of prepared PDF notices */
  issuance: Pick<PdfIssuanceService, 'deliver'>;
  /** fixed in tests; random per launch otherwise */
  token?: string;
}

export interface RunningBridge extends RunningServer { token: string }

export async function startBridgeServer(opts: BridgeOptions): Promise<RunningBridge> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const host = opts.host ?? LOOPBACK;
  const tls = opts.tls ?? null;
  if (!isLoopbackHost(host) && !tls) throw new AdminNeedsHttpsError(host);
  const secure = tls !== null;
  let port = opts.port;
  const hosts = () => adminHostPolicy({ listenHost: host, port, secure, names: opts.names ?? [] });
  const cookie = () => adminCookie(port, secure);
  const throttle = new AdminLoginThrottle(opts.clock ?? systemClock, opts.loginLimits);
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');

  // For a service manager or a monitor: no Host check (they use addresses), no session, no data.
  app.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok', version: opts.version ?? '', portal: opts.portalRunning?.() ? 'running' : 'stopped' });
  });

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"], fontSrc: ["'self'"], formAction: ["'self'"], frameAncestors: ["'none'"],
          objectSrc: ["'none'"], baseUri: ["'none'"],
        },
      },
      strictTransportSecurity: secure ? { maxAge: HSTS_MAX_AGE_S, includeSubDomains: false } : false,
      crossOriginResourcePolicy: { policy: 'same-origin' },
    }),
  );

  app.use((req, res, next) => {
    const policy = hosts();
    if (!policy.allowsHost(req.headers.host)) return void res.status(421).type('text').send('Misdirected Request');
    const origin = req.headers.origin;
    if (origin !== undefined && !policy.allowsOrigin(origin)) {
      return void res.status(403).type('text').send('Forbidden origin');
    }
    next();
  });

  const requireToken = (req: Request, res: Response, next: NextFunction) => {
    if (!sameSecret(req.headers[BRIDGE_TOKEN_HEADER], token)) return void res.status(403).json(forbidden());
    next();
  };

  const sessionCookie = (req: Request): string | null => cookieOf(req, cookie().name) ?? null;

  app.post(`${BRIDGE_CALL_PATH}:method`, requireToken, express.json({ limit: '16mb' }), async (req, res) => {
    const method = String(req.params.method);
    const throttled = PASSWORD_CHECKING_METHODS.includes(method) ? await throttle.enter(req, res) : null;
    if (throttled && !throttled.admitted) {
      const seconds = Math.max(1, Math.ceil(throttled.retryAfterMs / 1000));
      return void res.status(429).set({ 'Retry-After': String(seconds), 'Cache-Control': 'no-store' })
        .json({ ok: false, error: { code: 'LOCKED', message: ja.server.adminLoginThrottled(Math.ceil(seconds / 60)) } });
    }
    const ctx = cookieContext(req, res, cookie());
    const outcome = await opts.dispatcher.dispatch(method, req.body, ctx);
    if (throttled) throttled.done(outcome);
    res.set('Cache-Control', 'no-store').json(outcome);
  });

  // The screens' event stream: for a logged-in administrator only, and only while that session
  // lives — checked before every event and every few seconds, so that a logout or an idle
  // session ends the stream and nothing that happens afterwards reaches it.
  app.get(BRIDGE_EVENTS_PATH, requireToken, (req, res) => {
    const session = sessionCookie(req);
    if (!opts.isLoggedIn(session)) return void res.status(403).json(forbidden());
    res.set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.flushHeaders();
    let ticks = 0;
    const check = setInterval(() => {
      if (alive() && ++ticks % 5 === 0) res.write(': keep-alive\n\n');
    }, 5_000);
    let unsubscribe = () => {};
    const stop = () => {
      clearInterval(check);
      unsubscribe();
    };
    const alive = () => {
      if (opts.isSessionLive(session)) return true;
      stop();
      // the one thing a stream of an ended session still gets: that it ended (a logout elsewhere,
      // a disabled administrator), so the screens go to the login at once instead of retrying
      res.end(`data: ${JSON.stringify({ event: 'sessionEnded', payload: {} } satisfies EventMessage)}\n\n`);
      return false;
    };
    unsubscribe = opts.events.subscribe((m: EventMessage) => void (alive() && res.write(`data: ${JSON.stringify(m)}\n\n`)));
    req.on('close', stop);
  });

  // A prepared notice, downloaded once. Statuses are stored only after every byte was sent
  // (nothing is lost: an aborted download changes nothing). A plain link the page follows,
  // so no token header: the session cookie and the unguessable one-time id guard it.
  app.get(`${PDF_DOWNLOAD_PATH}:issueId`, async (req, res) => {
    if (!opts.isLoggedIn(sessionCookie(req))) return void res.status(403).type('text').send(ja.errors.unauthorized);
    const parsed = issueIdSchema.safeParse({ issueId: req.params.issueId });
    if (!parsed.success) return void res.status(400).type('text').send(ja.validation.invalidInput);
    try {
      await opts.issuance.deliver(parsed.data.issueId, (pdf, fileName) => new Promise((resolve) => {
        // the name is Japanese (「パスワード通知書_1011_田所 耕太郎.pdf」): attachment() writes it as RFC 6266's filename*
        res.attachment(fileName);
        res.set({ 'Content-Type': 'application/pdf', 'Content-Length': String(pdf.length), 'Cache-Control': 'no-store' });
        res.once('finish', () => resolve('delivered'));
        res.once('close', () => {
          if (!res.writableFinished) resolve('cancelled');
        });
        res.end(pdf);
      }));
    } catch {
      if (!res.headersSent) res.status(404).type('text').send(ja.issue.expired);
      return;
    }
    // Nothing was sent: every row was taken by another actor meanwhile, or none could be reserved.
    // The screen's result says which and why; the browser must not wait for bytes that never come.
    if (!res.headersSent) res.status(409).type('text').send(ja.issue.nothingToDownload);
  });

  // The screens: index.html carries this launch's token; assets are plain static files. Read at
  // every request, so screens built while the server runs are served without a restart.
  const indexTemplate = () => readFileSync(path.join(opts.rendererDir, 'index.html'), 'utf8');
  const sendIndex = (_req: Request, res: Response) => {
    let html: string;
    try {
      html = indexTemplate();
    } catch {
      return void res.status(503).type('text').send(ja.cli.rendererMissing);
    }
    res.set('Cache-Control', 'no-store').type('html')
      .send(html.replace('<meta name="focusu-token" content="">', `<meta name="focusu-token" content="${token}">`));
  };
  app.get(['/', '/index.html'], sendIndex);
  app.use(express.static(opts.rendererDir, { index: false, fallthrough: true }));
  app.use((_req, res) => void res.status(404).type('text').send('Not Found'));
  app.use((err: { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) opts.logger.error('bridge error', { error: String(err) });
    res.status(status).json({ ok: false, error: { code: status === 500 ? 'INTERNAL' : 'VALIDATION', message: status === 500 ? ja.errors.internal : ja.validation.invalidInput } });
  });

  const timeouts = { requestTimeout: 60_000, headersTimeout: 15_000 };
  const server: Server = tls ? createHttpsServer({ ...timeouts, ...tls }, app) : createHttpServer(timeouts, app);
  port = await listen(server, host, opts.port);
  const urlName = isLoopbackHost(host) || !opts.names?.length ? urlHost(host) : opts.names[0]!;
  return { host, port, url: `${secure ? 'https' : 'http'}://${urlName}:${port}/`, token, close: () => closeServer(server) };
}

function cookieContext(req: Request, res: Response, c: { name: string; options: CookieOptions }): CallContext {
  return {
    sessionId: cookieOf(req, c.name) ?? null,
    setSession(id) {
      this.sessionId = id;
      if (id) res.cookie(c.name, id, c.options);
      else res.clearCookie(c.name, c.options);
    },
  };
}

function sameSecret(given: IncomingMessage['headers'][string], expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const forbidden = () => ({ ok: false, error: { code: 'FORBIDDEN', message: ja.errors.unauthorized } });
