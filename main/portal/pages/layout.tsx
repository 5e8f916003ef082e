import { randomBytes } from 'node:crypto';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { ja } from '../../../preload/i18n/ja';

/** Every LAN page: escaped by React, no inline script, works at a phone's width. */
export function PortalLayout({ title, companyName, children, wide, refresh, script }: {
  title: string; companyName: string; children: ReactNode; wide?: boolean;
  /** return to a page by itself (the kiosk's confirmation) — no script needed */
  refresh?: { seconds: number; url: string };
  /** a script served as a file of /assets (the kiosk's clock); the page works without it */
  script?: `/assets/${string}.js`;
}) {
  return (
    <html lang="ja">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${ja.portal.title}`}</title>
        <link rel="stylesheet" href="/assets/portal.css" />
        {refresh && <meta httpEquiv="refresh" content={`${refresh.seconds};url=${refresh.url}`} />}
        {script && <script src={script} defer />}
      </head>
      <body>
        <header className="portal-header">
          <span className="brand">Focus U</span>
          {companyName && <span className="company">{companyName}</span>}
        </header>
        <main className={wide ? 'portal-main portal-wide' : 'portal-main'}>{children}</main>
      </body>
    </html>
  );
}

export const renderPage = (page: ReactNode): string => '<!doctype html>' + renderToStaticMarkup(page);

/** Stands for a form token in a page rendered once; random, so no text of a page can contain it. */
const TOKEN_SLOT = `csrf-slot-${randomBytes(12).toString('hex')}`;
const renderedOnce = new Map<string, { html: string; bytes?: Buffer }>();

function renderedFor(key: string, page: (tokenSlot: string) => ReactNode): { html: string; bytes?: Buffer } {
  let rendered = renderedOnce.get(key);
  if (rendered === undefined) {
    rendered = { html: renderPage(page(TOKEN_SLOT)) };
    if (renderedOnce.size >= 100) renderedOnce.delete(renderedOnce.keys().next().value!);
    renderedOnce.set(key, rendered);
  }
  return rendered;
}

/**
 * A page whose markup is a function of `key` alone (the form token put in afterwards): React renders
 * it once. Rendering costs more than the rest of a LAN request (the login page, a dead link's page),
 * and these pages are the ones a crowd — or a flood — asks for.
 */
export function renderPageOnce(key: string, page: (tokenSlot: string) => ReactNode, token = ''): string {
  return renderedFor(key, page).html.replace(TOKEN_SLOT, token);
}

/**
 * The same for a page without a form: its UTF-8 bytes, encoded once too. Sent as a string, each
 * answer would be encoded again (measured: 3–8 % more CPU a request for a page this size).
 */
export function pageBytesOnce(key: string, page: () => ReactNode): Buffer {
  const rendered = renderedFor(key, page);
  return (rendered.bytes ??= Buffer.from(rendered.html));
}
