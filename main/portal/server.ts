/**
 * The employees' pages on the LAN. Binds the configured address only; security headers on
 * every answer; malformed requests get a Japanese 400 page, never a stack trace.
 */
import { createServer } from 'node:http';
import path from 'node:path';
import express, { type ErrorRequestHandler } from 'express';
import helmet from 'helmet';
import { ja } from '../../preload/i18n/ja';
import type { Logger } from '../services/support/logger';
import { closeServer, listen } from '../net/listen';
import { resourcesDir } from '../paths';
import { homePage, messagePage } from './pages/simple-pages';

export interface PortalOptions {
  host: string;
  port: number;
  companyName: () => string;
  logger: Logger;
}

export interface RunningServer { host: string; port: number; url: string; close(): Promise<void> }

export function createPortalApp(opts: Pick<PortalOptions, 'companyName' | 'logger'>): express.Express {
  const app = express();
  app.disable('x-powered-by');
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
      // The LAN portal is often plain HTTP: HSTS would lock employees out of it.
      strictTransportSecurity: false,
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  app.use('/assets', express.static(path.join(resourcesDir, 'portal'), { fallthrough: false, index: false }));
  app.get('/', (_req, res) => {
    res.type('html').send(homePage(opts.companyName()));
  });
  app.use((_req, res) => {
    res.status(404).type('html').send(messagePage(opts.companyName(), ja.portal.notFound, ja.portal.notFound));
  });
  const onError: ErrorRequestHandler = (err: { status?: number; statusCode?: number }, _req, res, _next) => {
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
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 15_000 }, createPortalApp(opts));
  const port = await listen(server, opts.host, opts.port);
  const hostPart = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return { host: opts.host, port, url: `http://${hostPart}:${port}/`, close: () => closeServer(server) };
}
