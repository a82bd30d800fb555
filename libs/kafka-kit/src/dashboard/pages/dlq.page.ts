import type { DlqPartitionStats, ReplayResult } from '../../dlq/dlq.service.js';
import type { DlqRecordView } from '../../dlq/dlq-record-view.js';
import { replayLine, replaySummary, TEXT } from '../dashboard.messages.js';
import type { FailureTopicsView } from '../failure-topics.watcher.js';
import { html, type SafeHtml } from '../html.js';
import { formatValue, VALUE_FORMATS, type ValueFormat } from '../value-format.js';
import { count, seg, time } from './format.js';
import { csrfField, layout, type PageContext } from './layout.js';

/** The DLQ topics and how many records each keeps. */
export function dlqListLive(ctx: PageContext, view: FailureTopicsView): SafeHtml {
  if (view.dlqs.length === 0) return html`<p>${TEXT.noDlqs}</p>`;
  const rows = view.dlqs.map(
    (d) =>
      html`<tr data-dlq="${d.topic}">
        <td><a href="${ctx.base}/dlq/${seg(d.topic)}">${d.topic}</a></td>
        <td class="num">${d.partitions}</td>
        <td class="num">${count(d.records)}</td>
      </tr>`,
  );
  return html`<table id="dlqs">
    <thead>
      <tr>
        <th>${TEXT.topic}</th>
        <th>${TEXT.partitions}</th>
        <th>${TEXT.records}</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

export function dlqListPage(ctx: PageContext, view: FailureTopicsView): SafeHtml {
  return layout(ctx, { title: TEXT.navDlqs, events: `${ctx.base}/events/dlq`, live: dlqListLive(ctx, view) });
}

/** Which records the browser shows. */
export interface DlqBrowse {
  topic: string;
  partition?: number;
  from?: string;
  format: ValueFormat;
}

function recordCard(r: DlqRecordView, format: ValueFormat): SafeHtml {
  const v = formatValue(r.value, format);
  const f = r.failure;
  const headers = Object.entries(r.headers).map(
    ([name, value]) =>
      html`<tr>
        <td>${name}</td>
        <td>${Array.isArray(value) ? value.join(', ') : value}</td>
      </tr>`,
  );
  return html`<section class="record" data-record="${r.partition}@${r.offset}">
    <h3>${TEXT.partition} ${r.partition} · ${TEXT.offset} ${r.offset}</h3>
    <p>
      ${TEXT.key}: <code>${r.key ?? '(null)'}</code> · ${TEXT.timestamp}: ${time(r.timestamp)} ·
      ${TEXT.failure}: ${f.reason ?? '?'} ${f.errorClass ?? ''}: ${f.errorMessage ?? ''}
      (${f.originalTopic ?? '?'}[${f.originalPartition ?? '?'}]@${f.originalOffset ?? '?'})
    </p>
    <details>
      <summary>${TEXT.headers}</summary>
      <table class="headers">
        ${headers}
      </table>
    </details>
    <p>${TEXT.value} (${v.format})${v.note ? html` <small>${v.note}</small>` : ''}:</p>
    <pre class="value">${v.text}</pre>
  </section>`;
}

function replayForm(ctx: PageContext, b: DlqBrowse, stats: readonly DlqPartitionStats[]): SafeHtml {
  if (!ctx.guarded) return html`<p class="muted">${TEXT.readOnly}</p>`;
  const options = stats.map(
    (p) =>
      html`<option value="${p.partition}" ${b.partition === p.partition ? 'selected' : ''}>
        ${p.partition}
      </option>`,
  );
  return html`<h2>${TEXT.replay}</h2>
    <form method="post" action="${ctx.base}/actions/dlq/${seg(b.topic)}/replay" id="replay">
      ${csrfField(ctx)}
      <label
        >${TEXT.partition}
        <select name="partition">
          <option value="">${TEXT.allPartitions}</option>
          ${options}
        </select></label
      >
      <label>${TEXT.from} <input name="from" inputmode="numeric" /></label>
      <label>${TEXT.to} <input name="to" inputmode="numeric" /></label>
      <label><input type="checkbox" name="dryRun" value="true" checked /> ${TEXT.dryRun}</label>
      <input name="by" placeholder="${TEXT.by}" required />
      <button type="submit" data-action="replay">${TEXT.replay}</button>
    </form>`;
}

/** One DLQ: its partitions, a page of records (headers decoded, value escaped), replay. */
export function dlqTopicPage(
  ctx: PageContext,
  b: DlqBrowse,
  stats: readonly DlqPartitionStats[],
  records: readonly DlqRecordView[],
): SafeHtml {
  const here = (q: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ partition: b.partition, from: b.from, format: b.format, ...q }))
      if (v !== undefined && v !== '') params.set(k, String(v));
    return `${ctx.base}/dlq/${seg(b.topic)}?${params}`;
  };
  const partitions = stats.map(
    (p) =>
      html`<tr>
        <td><a href="${here({ partition: p.partition, from: undefined })}">${p.partition}</a></td>
        <td class="num">${p.low}</td>
        <td class="num">${p.high}</td>
        <td class="num">${count(p.records)}</td>
      </tr>`,
  );
  const formats = VALUE_FORMATS.map((f) =>
    f === b.format ? html`<strong>${f}</strong> ` : html`<a href="${here({ format: f })}">${f}</a> `,
  );
  const last = records.at(-1);
  const next =
    b.partition !== undefined && last
      ? html`<p><a href="${here({ from: (BigInt(last.offset) + 1n).toString() })}">${TEXT.nextPage}</a></p>`
      : '';
  return layout(ctx, {
    title: b.topic,
    rest: html`<table id="dlq-partitions">
        <thead>
          <tr>
            <th>${TEXT.partition}</th>
            <th>${TEXT.from}</th>
            <th>${TEXT.logEnd}</th>
            <th>${TEXT.records}</th>
          </tr>
        </thead>
        <tbody>
          ${partitions}
        </tbody>
      </table>
      ${replayForm(ctx, b, stats)}
      <h2>${TEXT.records}</h2>
      <p>${TEXT.value}: ${formats}</p>
      ${records.length === 0 ? html`<p>${TEXT.noRecords}</p>` : records.map((r) => recordCard(r, b.format))}
      ${next}`,
  });
}

/** What a replay sent, or with a dry run would send. */
export function replayResultPage(ctx: PageContext, topic: string, result: ReplayResult): SafeHtml {
  const sent = result.replayed.map(
    (r) =>
      html`<li data-replayed="${r.partition}@${r.offset}">
        ${replayLine(
          `${r.topic}[${r.partition}]@${r.offset}`,
          `${r.failure.originalTopic}[${r.failure.originalPartition ?? '?'}]`,
          r.key,
        )}
      </li>`,
  );
  const refused = result.refused.map((x) => html`<li class="error">${x.why}</li>`);
  return layout(ctx, {
    title: `${TEXT.replay} ${topic}`,
    rest: html`<p id="replay-summary" data-dry-run="${String(result.dryRun)}">
        ${replaySummary(result.replayed.length, result.refused.length, result.dryRun)}
      </p>
      <ul id="replayed">
        ${sent}
      </ul>
      <ul id="refused">
        ${refused}
      </ul>
      <p><a href="${ctx.base}/dlq/${seg(topic)}">${TEXT.back}</a></p>`,
  });
}
