/**
 * The employees' pages on the LAN. Binds the configured address only; security headers on
 * every answer; malformed requests get a Japanese 400 page, never a stack trace.
 */
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { TlsOptions } from '../services/portal-tls';
import path from 'node:path';
import express, { type ErrorRequestHandler } from 'express';
import { rateLimit, type RateLimitInfo } from 'express-rate-limit';
import helmet from 'helmet';
import { ja } from '../../preload/i18n/ja';
import type { Logger } from '../services/support/logger';
import { storageFault } from '../services/support/storage-faults';
import { closeServer, listen } from '../net/listen';
import { resourcesDir } from '../paths';
import type { MailVerificationService } from '../services/mail-verification-service';
import type { PortalAuthService } from '../services/portal-auth-service';
import { messagePage } from './pages/simple-pages';
import { accountRoutes } from './routes/account-routes';
import { verifyRoutes } from './routes/verify-routes';
import { myPageRoutes } from './routes/my-page-routes';
import { kioskRoutes } from './routes/kiosk-routes';
import type { EmployeeService } from '../services/employee-service';
import type { PunchService } from '../services/punch-service';
import type { Clock } from '../services/support/clock';
import { FailureBudget, failureGuard, sourceOf } from './failure-budget';
import { hostGuard, machineHostNames } from './host-check';
import { withLimits, type PortalLimits } from './limits';
import { Signer } from './signed';
import { sendTooMany } from './too-many';

export interface PortalServices {
  companyName: () => string;
  logger: Logger;
  verification: MailVerificationService;
  auth: PortalAuthService;
  employees: EmployeeService;
  punches: PunchService;
  clock: Clock;
  /** the data folder: lets an SQLite I/O error on a full disk be named as one */
  dataDir?: string;
  /**
   * The names employees reach the portal by besides IP literals (localhost, this machine's host
   * name, the host of 社員がアクセスするURL). Asked at every request: the settings can change.
   */
  hostNames?: () => readonly string[];
  /** the budgets of limits.ts; tests pass their own */
  limits?: Partial<PortalLimits>;
}

export interface PortalOptions extends PortalServices {
  host: string;
  port: number;
  /** the administrator's certificate: HTTPS; null: plain HTTP (the settings screen warns) */
  tls?: TlsOptions | null;
}

export interface RunningServer { host: string; port: number; url: string; secure?: boolean; close(): Promise<void> }

export function createPortalApp(opts: PortalServices, secure = false): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // The pages are made per request (a form token, a name, a state) and never answered 304: an ETag
  // would only cost a SHA-1 of every page. The static files keep theirs (express.static's own).
  app.set('etag', false);
  app.set('trust proxy', false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'],
          formAction: ["'self'"], frameAncestors: ["'none'"], objectSrc: ["'none'"], baseUri: ["'none'"],
        },
      },
      // HSTS only over HTTPS: sent over plain HTTP it would lock employees out of the portal.
      strictTransportSecurity: secure ? { maxAge: 15_552_000, includeSubDomains: false } : false,
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  const companyName = opts.companyName;
  // Before anything else: a page served under a foreign name would let that name's scripts read it.
  app.use(hostGuard(opts.hostNames ?? (() => machineHostNames()), companyName));
  // Throttling per source address, fitted to each page (limits.ts says why each number).
  const limits = withLimits(opts.limits);
  const tooMany = (req: express.Request, res: express.Response, retryAfterMs: number) => sendTooMany(req, res, companyName(), retryAfterMs);
  const budget = (budgets: PortalLimits['passwordFailures'], failed: (status: number) => boolean) =>
    failureGuard(new FailureBudget(budgets, opts.clock), failed, tooMany);
  // Only a form's POST has a body to read: the pages and links (GET) go by without a parser, and
  // cookies are read when a handler asks (net/cookie-of.ts) — work every request paid before.
  const readForm = express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 20 });
  const ctx = { companyName, secureCookies: secure };

  // The mail's links before the rest: what a crowd opening its mail at nine (or anyone guessing
  // links) asks for goes through the host check, the headers and its own budget, and past nothing else.
  app.use(verifyRoutes(ctx, opts.verification, { guard: budget(limits.verifyFailures, (s) => s === 404), readForm }));

  app.use('/assets', express.static(path.join(resourcesDir, 'portal'), { fallthrough: false, index: false }));
  app.use((req, res, next) => (req.method === 'POST' ? readForm(req, res, next) : next()));
  // one budget for every place a password is checked: a guess is a guess, wherever it is typed
  app.post(['/login', '/password', '/mypage/login-id', '/mypage/addresses'], budget(limits.passwordFailures, (s) => s === 401));
  app.use('/kiosk', rateLimit({
    windowMs: limits.kioskRequests.windowMs,
    limit: limits.kioskRequests.max,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: sourceOf,
    validate: { keyGeneratorIpFallback: false }, // a LAN: one address is one device, IPv6 included
    handler: (req, res) => {
      const reset = (req as express.Request & { rateLimit?: RateLimitInfo }).rateLimit?.resetTime?.getTime();
      tooMany(req, res, reset === undefined ? limits.kioskRequests.windowMs : reset - Date.now());
    },
  }));
  app.post('/kiosk', budget(limits.kioskFailures, (s) => s === 401));

  app.use(accountRoutes(ctx, opts.auth));
  app.use(myPageRoutes(ctx, { auth: opts.auth, employees: opts.employees, punches: opts.punches, clock: opts.clock, signer: new Signer() }));
  app.use(kioskRoutes(ctx, opts.punches, opts.clock));
  app.use((_req, res) => {
    res.status(404).type('html').send(messagePage(opts.companyName(), ja.portal.notFound, ja.portal.notFound));
  });
  const onError: ErrorRequestHandler = (err: { status?: number; statusCode?: number }, _req, res, _next) => {
    // a full disk or the database held by another program: the employee is told which, and that nothing was done
    const fault = storageFault(err, opts.dataDir);
    if (fault !== null) {
      opts.logger.error('portal storage fault', { fault, error: String(err) });
      const message = fault === 'busy' ? ja.errors.databaseBusy : ja.portal.diskFull;
      // the company's name comes from the database that just failed: the page must not depend on it
      let companyName = '';
      try {
        companyName = opts.companyName();
      } catch {
        /* shown without it */
      }
      return void res.status(503).set('Retry-After', '60').type('html').send(messagePage(companyName, ja.portal.unavailableTitle, message));
    }
    const status = err.status ?? err.statusCode ?? 500;
    if (status >= 500) opts.logger.error('portal error', { error: String(err) });
    const client = status >= 400 && status < 500;
    res.status(client ? status : 500).type('html').send(
      messagePage(opts.companyName(), client ? ja.portal.badRequest : ja.errors.internal, client ? ja.portal.badRequest : ja.errors.internal),
    );
  };
  app.use(onError);
  return app;
}

export async function startPortalServer(opts: PortalOptions): Promise<RunningServer> {
  const secure = Boolean(opts.tls);
  const limits = { requestTimeout: 30_000, headersTimeout: 15_000 };
  const app = createPortalApp(opts, secure);
  const server = opts.tls ? createHttpsServer({ ...limits, ...opts.tls }, app) : createServer(limits, app);
  const port = await listen(server, opts.host, opts.port);
  const hostPart = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return { host: opts.host, port, url: `${secure ? 'https' : 'http'}://${hostPart}:${port}/`, secure, close: () => closeServer(server) };
}
