import type { StoppedPartition } from '../../consumer/state/consumer-state.js';
import { sampledAtLine, TEXT } from '../dashboard.messages.js';
import type { GroupDetail, PartitionRowOwner } from '../dashboard-view.js';
import { html, jsonForScript, type SafeHtml } from '../html.js';
import { badge, count, rate, seconds, seg, time } from './format.js';
import { csrfField, layout, type PageContext } from './layout.js';

function actionsFor(ctx: PageContext, groupId: string, s: StoppedPartition): SafeHtml {
  // The operator service refuses to move a partition whose failure write is retrying.
  if (s.kind === 'failure-write') return html`<span class="muted">${TEXT.waitingForWrite}</span>`;
  if (s.kind === 'offset-store') return html`<span class="muted">${TEXT.waitingForOffsetStore}</span>`;
  if (!ctx.guarded) return html`<span class="muted">${TEXT.readOnly}</span>`;
  const action = `${ctx.base}/actions/groups/${seg(groupId)}/stopped/${seg(s.topic)}/${s.partition}`;
  return html`<form method="post" action="${action}/retry" class="inline">
      ${csrfField(ctx)}
      <input name="by" placeholder="${TEXT.by}" required />
      <button type="submit" data-action="retry">${TEXT.retry}</button>
    </form>
    <form method="post" action="${action}/skip" class="inline">
      ${csrfField(ctx)}
      <input type="hidden" name="offset" value="${s.offset}" />
      <input name="by" placeholder="${TEXT.by}" required />
      <input name="reason" placeholder="${TEXT.reason}" required />
      <button type="submit" data-action="skip">${TEXT.skip}</button>
    </form>`;
}

/** The stopped partitions of a group, with the operator's actions where they are allowed. */
export function stoppedTable(
  ctx: PageContext,
  groupId: string,
  stopped: readonly StoppedPartition[],
): SafeHtml {
  if (stopped.length === 0) return html`<p id="stopped-none">${TEXT.noStopped}</p>`;
  const rows = stopped.map(
    (s) =>
      html`<tr data-stopped="${s.topic}:${s.partition}" data-kind="${s.kind}">
        <td>${s.topic}</td>
        <td class="num">${s.partition}</td>
        <td class="num">${s.offset === '' ? '–' : s.offset}</td>
        <td>${s.kind}</td>
        <td>${time(s.since)}</td>
        <td class="error">${s.error}</td>
        <td>${actionsFor(ctx, groupId, s)}</td>
      </tr>`,
  );
  return html`<table id="stopped">
    <thead>
      <tr>
        <th>${TEXT.topic}</th>
        <th>${TEXT.partition}</th>
        <th>${TEXT.offset}</th>
        <th>${TEXT.kind}</th>
        <th>${TEXT.since}</th>
        <th>${TEXT.error}</th>
        <th>${TEXT.actions}</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

function ownerCell(owner: PartitionRowOwner): SafeHtml {
  if (owner.kind !== 'member') return html`<td data-owner="${owner.kind}">${TEXT.owners[owner.kind]}</td>`;
  return html`<td data-owner="member" data-member-id="${owner.memberId}">
    ${owner.clientId} <span class="muted">${TEXT.ownerHost(owner.host)}</span>
  </td>`;
}

/** The live part of a group's page: summary, partitions, stopped partitions. */
export function groupLive(ctx: PageContext, d: GroupDetail, sampledAt: number): SafeHtml {
  const r = d.row;
  const partitions = d.partitions.map(
    (p) =>
      html`<tr data-partition="${p.topic}:${p.partition}">
        <td>${p.topic}</td>
        <td class="num">${p.partition}</td>
        <td class="num">${p.committedOffset ?? '–'}</td>
        <td class="num">${p.logEndOffset}</td>
        <td class="num">${count(p.lag)}</td>
        <td class="num">${seconds(p.timeLagSeconds, p.timeLagLowerBound)}</td>
        <td>${badge(p.status)}</td>
        ${ownerCell(p.owner)}
      </tr>`,
  );
  return html`<p id="summary">
      ${TEXT.state}: <strong>${r.state}</strong> · ${TEXT.verdict}: ${badge(r.verdict)} · ${TEXT.lag}:
      ${count(r.totalLag)} · ${TEXT.timeLag}: ${seconds(r.maxTimeLagSeconds)} · ${TEXT.recordsPerSecond}:
      ${rate(r.recordsPerSecond)} · ${TEXT.members}: ${count(r.members)}
    </p>
    <h2>${TEXT.stoppedPartitions}</h2>
    ${stoppedTable(ctx, r.groupId, d.stopped)}
    <h2>${TEXT.partitions}</h2>
    <table id="partitions">
      <thead>
        <tr>
          <th>${TEXT.topic}</th>
          <th>${TEXT.partition}</th>
          <th>${TEXT.committed}</th>
          <th>${TEXT.logEnd}</th>
          <th>${TEXT.lag}</th>
          <th>${TEXT.timeLag}</th>
          <th>${TEXT.verdict}</th>
          <th>${TEXT.owner}</th>
        </tr>
      </thead>
      <tbody>
        ${partitions}
      </tbody>
    </table>
    <p class="muted">${sampledAtLine(sampledAt)}</p>`;
}

/** The chart data a group's page draws (also what its event stream sends). */
export function groupCharts(d: GroupDetail) {
  return {
    lag: { title: TEXT.lagChart, ...d.charts.lag },
    timeLag: { title: TEXT.timeLagChart, ...d.charts.timeLag },
  };
}

export function groupPage(ctx: PageContext, d: GroupDetail, sampledAt: number): SafeHtml {
  return layout(ctx, {
    title: `${TEXT.group} ${d.row.groupId}`,
    events: `${ctx.base}/events/groups/${seg(d.row.groupId)}`,
    live: groupLive(ctx, d, sampledAt),
    rest: html`<h2>${TEXT.lagChart}</h2>
      <div class="chart" data-chart="lag"></div>
      <h2>${TEXT.timeLagChart}</h2>
      <div class="chart" data-chart="timeLag"></div>
      <script type="application/json" id="charts">
        ${jsonForScript(groupCharts(d))}
      </script>`,
  });
}
