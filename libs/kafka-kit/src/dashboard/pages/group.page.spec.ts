import { describe, expect, it } from 'vitest';
import type { StoppedPartition } from '../../consumer/state/consumer-state.js';
import { stoppedTable } from './group.page.js';

const stopped = (kind: StoppedPartition['kind']): StoppedPartition => ({
  kind,
  topic: 'orders',
  partition: 2,
  offset: '41',
  error: 'Error: <img src=x onerror=alert(1)>',
  since: 0,
});

const ctx = { base: '/ops', guarded: true, csrf: 'tok.sig' };

describe('stoppedTable', () => {
  it('offers retry and skip with the CSRF token for a stop-on-error partition, error escaped', () => {
    const markup = stoppedTable(ctx, 'g', [stopped('stop-on-error')]).markup;
    expect(markup).toContain('action="/ops/actions/groups/g/stopped/orders/2/skip"');
    expect(markup).toContain('data-action="retry"');
    expect(markup.match(/name="_csrf" value="tok.sig"/g)).toHaveLength(2);
    expect(markup).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(markup).not.toContain('<img');
  });

  it('shows a failure-write partition as waiting for its DLQ write, without actions', () => {
    const markup = stoppedTable(ctx, 'g', [stopped('failure-write')]).markup;
    expect(markup).toContain('waiting for its DLQ or retry-topic write');
    expect(markup).not.toContain('<form');
  });

  it('shows a partition held by its offset store as waiting for it, with no offset and no actions', () => {
    const markup = stoppedTable(ctx, 'g', [{ ...stopped('offset-store'), offset: '' }]).markup;
    expect(markup).toContain('data-kind="offset-store"');
    expect(markup).toContain('waiting for its offset store');
    expect(markup).toContain('<td class="num">–</td>');
    expect(markup).not.toContain('<form');
  });

  it('offers no action without a guard', () => {
    const markup = stoppedTable({ ...ctx, guarded: false }, 'g', [stopped('stop-on-error')]).markup;
    expect(markup).toContain('read-only');
    expect(markup).not.toContain('<form');
  });
});
