/**
 * Headless mode's transport: the admin screens and the contract on 127.0.0.1 only.
 * Locks on every admin request: the Host must be this server (no DNS rebinding), the Origin
 * (when sent) must be this server (no cross-site calls), the per-launch token — written into
 * the page this server serves — must be present, and the administrator's session cookie too
 * (the contract's auth methods excepted: they are how a session starts). The cookie is named
 * after this server's port: cookies ignore ports, so every other service on 127.0.0.1 receives
 * it, and a fixed name would collide with theirs. The PDF download, a plain link, needs the
 * session and its one-time id instead of the token.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
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
import { closeServer, listen } from '../net/listen';
import type { RunningServer } from '../portal/server';

/** Whether the admin screens have been built (`npm run build:renderer` writes them). */
export const rendererBuilt = (rendererDir: string): boolean => existsSync(path.join(rendererDir, 'index.html'));

/** The admin session cookie of the bridge listening on `port`. */
export const adminCookieName = (port: number): string => `focusu_admin_${port}`;
const LOOPBACK = '127.0.0.1';

export interface BridgeOptions {
  port: number;
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
  let port = opts.port;
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
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
      strictTransportSecurity: false,
      crossOriginResourcePolicy: { policy: 'same-origin' },
    }),
  );

  const allowedHosts = () => [`${LOOPBACK}:${port}`, `localhost:${port}`];
  app.use((req, res, next) => {
    if (!allowedHosts().includes(req.headers.host ?? '')) return void res.status(421).type('text').send('Misdirected Request');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().some((h) => origin === `http://${h}`)) {
      return void res.status(403).type('text').send('Forbidden origin');
    }
    next();
  });
  app.use(cookieParser());

  const requireToken = (req: Request, res: Response, next: NextFunction) => {
    if (!sameSecret(req.headers[BRIDGE_TOKEN_HEADER], token)) return void res.status(403).json(forbidden());
    next();
  };

  const sessionCookie = (req: Request): string | null => (req.cookies as Record<string, string | undefined>)[adminCookieName(port)] ?? null;

  app.post(`${BRIDGE_CALL_PATH}:method`, requireToken, express.json({ limit: '16mb' }), async (req, res) => {
    const ctx = cookieContext(req, res, adminCookieName(port));
    const outcome = await opts.dispatcher.dispatch(String(req.params.method), req.body, ctx);
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
      res.end();
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

  const server = createServer({ requestTimeout: 60_000, headersTimeout: 15_000 }, app);
  port = await listen(server, LOOPBACK, opts.port);
  return { host: LOOPBACK, port, url: `http://${LOOPBACK}:${port}/`, token, close: () => closeServer(server) };
}

function cookieContext(req: Request, res: Response, name: string): CallContext {
  const cookies = req.cookies as Record<string, string | undefined>;
  return {
    sessionId: cookies[name] ?? null,
    setSession(id) {
      this.sessionId = id;
      if (id) res.cookie(name, id, { httpOnly: true, sameSite: 'strict', path: '/' });
      else res.clearCookie(name, { path: '/' });
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
