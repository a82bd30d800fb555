import { dueIn, TEXT } from '../dashboard.messages.js';
import type { FailureTopicsView } from '../failure-topics.watcher.js';
import { html, type SafeHtml } from '../html.js';
import { count, seg, time } from './format.js';
import { layout, type PageContext } from './layout.js';

/** Retry-topic partitions: records waiting and when the first one is due. */
export function retryLive(ctx: PageContext, view: FailureTopicsView, now: number): SafeHtml {
  if (view.retries.length === 0) return html`<p>${TEXT.noRetries}</p>`;
  const rows = view.retries.map(
    (r) =>
      html`<tr data-retry="${r.topic}:${r.partition}">
        <td>${r.topic}</td>
        <td class="num">${r.partition}</td>
        <td><a href="${ctx.base}/groups/${seg(r.groupId)}">${r.groupId}</a></td>
        <td class="num">${count(r.waiting)}</td>
        <td>${r.nextDueAt === null ? '–' : dueIn(r.nextDueAt, now)}</td>
      </tr>`,
  );
  return html`<table id="retries">
      <thead>
        <tr>
          <th>${TEXT.topic}</th>
          <th>${TEXT.partition}</th>
          <th>${TEXT.group}</th>
          <th>${TEXT.waiting}</th>
          <th>${TEXT.nextDue}</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
    <p class="muted">${view.lookedAt ? time(view.lookedAt) : ''}</p>`;
}

export function retryPage(ctx: PageContext, view: FailureTopicsView, now: number): SafeHtml {
  return layout(ctx, {
    title: TEXT.navRetries,
    events: `${ctx.base}/events/retry`,
    live: retryLive(ctx, view, now),
  });
}
