import { TEXT } from '../dashboard.messages.js';
import { html, type SafeHtml } from '../html.js';

/** What every page needs to know about where it is. */
export interface PageContext {
  /** The dashboard's absolute URL path, without a trailing slash ('' at the root). */
  base: string;
  /** Actions are offered (the dashboard has a guard). */
  guarded: boolean;
  /** The CSRF token the page's forms carry. */
  csrf: string;
}

export interface PageParts {
  title: string;
  /** The event stream that replaces `#live`, if the page is live. */
  events?: string;
  live?: SafeHtml;
  /** Markup after the live region (charts, forms, record lists). */
  rest?: SafeHtml;
}

/** The page shell: styles, uPlot and the small script from this dashboard's assets, nothing else. */
export function layout(ctx: PageContext, parts: PageParts): SafeHtml {
  const a = (file: string) => `${ctx.base}/assets/${file}`;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${parts.title} · ${TEXT.title}</title>
        <link rel="stylesheet" href="${a('uPlot.min.css')}" />
        <link rel="stylesheet" href="${a('dashboard.css')}" />
        <script src="${a('uPlot.iife.min.js')}" defer></script>
        <script src="${a('dashboard.js')}" defer></script>
      </head>
      <body data-events="${parts.events ?? ''}">
        <nav>
          <strong>${TEXT.title}</strong>
          <a href="${ctx.base}/">${TEXT.navGroups}</a>
          <a href="${ctx.base}/dlq">${TEXT.navDlqs}</a>
          <a href="${ctx.base}/retry">${TEXT.navRetries}</a>
        </nav>
        <main>
          <h1>${parts.title}</h1>
          <div id="live">${parts.live ?? ''}</div>
          ${parts.rest ?? ''}
        </main>
      </body>
    </html>`;
}

/** A hidden field with the page's CSRF token, for every action form. */
export function csrfField(ctx: PageContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrf}" />`;
}
