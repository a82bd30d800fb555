import { describe, expect, it } from 'vitest';
import type { CommittedOffset } from '../client/admin-client.js';
import { EndOffsetHistory } from './end-offset-history.js';
import { GroupLagTracker, type GroupObservation } from './group-lag-tracker.js';

const histories = new Map<string, EndOffsetHistory>();

function observation(
  now: number,
  committed: CommittedOffset[],
  ends: Record<number, string>,
): GroupObservation {
  const offsets = Object.entries(ends).map(([p, high]) => ({ partition: Number(p), high, low: '0' }));
  for (const o of offsets) {
    const id = `t:${o.partition}`;
    if (!histories.has(id)) histories.set(id, new EndOffsetHistory());
    histories.get(id)!.record(o.high, now);
  }
  return {
    now,
    own: false,
    groupState: 'Stable',
    members: 1,
    committed,
    topics: new Set(['t']),
    topicOffsets: new Map([['t', offsets]]),
    histories,
    positionLags: new Map(),
    owners: new Map(),
  };
}

const options = {
  intervals: 10,
  allowedLag: 0,
  minimumComplete: 0.2,
  isDelayedTopic: (t: string) => t.endsWith('.retry.1'),
};

const at = (partition: number, offset: string): CommittedOffset => ({ topic: 't', partition, offset });

describe('GroupLagTracker', () => {
  it('reports every partition of the topic, unknown lag where nothing is committed', () => {
    histories.clear();
    const group = new GroupLagTracker('g', options).observe(
      observation(1000, [at(0, '40')], { 0: '50', 1: '7' }),
    );
    expect(group.partitions.map((p) => [p.partition, p.lag, p.committedOffset])).toEqual([
      [0, 10, '40'],
      [1, null, null],
    ]);
    expect(group).toMatchObject({ totalLag: 10, unknownLagPartitions: 1, members: 1 });
    expect(group.maxLag?.partition).toBe(0);
  });

  it('warns while lag grows, stops when commits stop, and is OK once caught up', () => {
    histories.clear();
    const tracker = new GroupLagTracker('g', options);
    let group = tracker.observe(observation(1000, [at(0, '10')], { 0: '50' }));
    group = tracker.observe(observation(2000, [at(0, '20')], { 0: '70' }));
    group = tracker.observe(observation(3000, [at(0, '30')], { 0: '90' }));
    expect(group.status).toBe('WARN');
    expect(group.partitions[0]!.timeLagSeconds).toBeGreaterThan(0);
    // No new commit for longer than the window spans (2 s), and never caught up: STOP.
    group = tracker.observe(observation(6000, [at(0, '30')], { 0: '110' }));
    expect(group.partitions[0]!.status).toBe('STOP');
    expect(group.status).toBe('ERR');
    group = tracker.observe(observation(7000, [at(0, '110')], { 0: '110' }));
    expect(group.status).toBe('OK');
    expect(group.partitions[0]!.timeLagSeconds).toBe(0);
  });

  it('does not judge a window below the minimum completeness: one commit shows no trend', () => {
    histories.clear();
    const tracker = new GroupLagTracker('g', options);
    const first = tracker.observe(observation(1000, [at(0, '10')], { 0: '50' }));
    expect(first.partitions[0]).toMatchObject({ status: 'OK', lag: 40, complete: 0.1 });
    // Burrow with minimum-complete 0 calls a lone commit behind the log end a STALL.
    const eager = new GroupLagTracker('g2', { ...options, minimumComplete: 0 }).observe(
      observation(1000, [at(0, '10')], { 0: '50' }),
    );
    expect(eager.status).toBe('ERR');
  });

  it('reports but never judges a topic whose records wait on purpose', () => {
    histories.clear();
    const tracker = new GroupLagTracker('g', options);
    const retry = (now: number, end: string): GroupObservation => {
      const o = observation(now, [{ topic: 't.retry.1', partition: 0, offset: '10' }], {});
      const offsets = [{ partition: 0, high: end, low: '0' }];
      return { ...o, topics: new Set(['t.retry.1']), topicOffsets: new Map([['t.retry.1', offsets]]) };
    };
    tracker.observe(retry(1000, '50'));
    tracker.observe(retry(2000, '60'));
    const held = tracker.observe(retry(60_000, '70'));
    expect(held.partitions[0]).toMatchObject({ status: 'OK', lag: 60, delayed: true });
  });

  it('is NOTFOUND when the group has no partitions and no members', () => {
    histories.clear();
    const o = { ...observation(1000, [], {}), members: null, topics: new Set<string>() };
    expect(new GroupLagTracker('g', options).observe(o).status).toBe('NOTFOUND');
  });
});
