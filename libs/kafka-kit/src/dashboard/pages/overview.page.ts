import { sampledAtLine, sampleFailedNote, TEXT } from '../dashboard.messages.js';
import type { GroupRow } from '../dashboard-view.js';
import { html, type SafeHtml } from '../html.js';
import { badge, count, rate, seconds, seg } from './format.js';
import { layout, type PageContext } from './layout.js';

/** The live part of the overview: one row per group. */
export function overviewLive(ctx: PageContext, rows: readonly GroupRow[], sampledAt: number): SafeHtml {
  if (rows.length === 0) return html`<p>${TEXT.noGroups}</p>`;
  const body = rows.map(
    (r) =>
      html`<tr data-group="${r.groupId}">
        <td><a href="${ctx.base}/groups/${seg(r.groupId)}">${r.groupId}</a></td>
        <td>${r.state}${r.stopped > 0 ? html` <span class="warn">(${r.stopped} stopped)</span>` : ''}</td>
        <td>
          ${badge(r.verdict)}${r.sampleError ? html` <small>${sampleFailedNote(r.sampleError)}</small>` : ''}
        </td>
        <td class="num">${count(r.totalLag)}</td>
        <td class="num">${seconds(r.maxTimeLagSeconds)}</td>
        <td class="num">${rate(r.recordsPerSecond)}</td>
        <td class="num">${count(r.members)}</td>
      </tr>`,
  );
  return html`<table id="groups">
      <thead>
        <tr>
          <th>${TEXT.group}</th>
          <th>${TEXT.state}</th>
          <th>${TEXT.verdict}</th>
          <th>${TEXT.lag}</th>
          <th>${TEXT.timeLag}</th>
          <th>${TEXT.recordsPerSecond}</th>
          <th>${TEXT.members}</th>
        </tr>
      </thead>
      <tbody>
        ${body}
      </tbody>
    </table>
    <p class="muted">${sampledAtLine(sampledAt)}</p>`;
}

export function overviewPage(ctx: PageContext, rows: readonly GroupRow[], sampledAt: number): SafeHtml {
  return layout(ctx, {
    title: TEXT.navGroups,
    events: `${ctx.base}/events/overview`,
    live: overviewLive(ctx, rows, sampledAt),
  });
}
