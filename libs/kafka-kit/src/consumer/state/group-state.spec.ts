import { describe, expect, it } from 'vitest';
import type { ConsumerStateChange, StoppedPartition } from './consumer-state.js';
import { GroupState } from './group-state.js';

const stop = (kind: StoppedPartition['kind'], partition = 0): StoppedPartition => ({
  kind,
  topic: 't',
  partition,
  offset: '7',
  error: 'Error: bad',
  since: 1,
});

describe('GroupState', () => {
  it('releases a stopped partition only for its own kind', () => {
    const changes: ConsumerStateChange[] = [];
    const group = new GroupState('g', (c) => changes.push(c));
    group.joined({ t: [0, 1] });
    group.partitionStopped(stop('failure-write'));
    expect(group.partitionResumed('t', 0, 'stop-on-error')).toBe(false);
    expect(group.snapshot()).toMatchObject({ state: 'paused', stoppedPartitions: [stop('failure-write')] });
    expect(group.partitionResumed('t', 0, 'failure-write')).toBe(true);
    expect(group.snapshot()).toMatchObject({ state: 'running', stoppedPartitions: [] });
    expect(changes.map((c) => c.to)).toEqual(['running', 'paused', 'running']);
  });

  it('stays paused until the last stopped partition goes on', () => {
    const group = new GroupState('g', () => undefined);
    group.joined({ t: [0, 1] });
    group.partitionStopped(stop('stop-on-error', 0));
    group.partitionStopped(stop('failure-write', 1));
    group.partitionResumed('t', 0, 'stop-on-error');
    expect(group.snapshot().state).toBe('paused');
    group.partitionResumed('t', 1, 'failure-write');
    expect(group.snapshot().state).toBe('running');
  });

  it('hands out copies of its activity, never the live slots', () => {
    const group = new GroupState('g', () => undefined);
    const slot = group.activitySlot('t', 0);
    slot.begin('5');
    const [copy] = group.snapshot().activity;
    slot.succeeded(1);
    expect(copy).toMatchObject({ offset: '5', handled: 0 });
    expect(copy!.handlingSince).toBeGreaterThan(0);
    expect(group.snapshot().activity[0]).toMatchObject({ handled: 1, handlingSince: 0 });
  });

  it('keeps the missing topics, first seen when, until it joins or crashes on something else', () => {
    const group = new GroupState('g', () => undefined);
    group.topicsMissing(['t.retry.1'], new Error('Unknown topic t.retry.1.'));
    const since = group.snapshot().missingTopics!.since;
    group.topicsMissing(['t.retry.1'], new Error('Unknown topic t.retry.1.'));
    expect(group.snapshot()).toMatchObject({
      state: 'starting',
      missingTopics: { topics: ['t.retry.1'], since },
    });
    group.joined({ 't.retry.1': [0] });
    expect(group.snapshot().missingTopics).toBeUndefined();
    group.topicsMissing(['t.retry.1'], new Error('Unknown topic t.retry.1.'));
    group.transition('starting', new Error('The group coordinator is not available'));
    expect(group.snapshot().missingTopics).toBeUndefined();
  });

  it('never revives a crashed group on a late event', () => {
    const group = new GroupState('g', () => undefined);
    group.transition('crashed', new Error('gone'));
    group.joined({ t: [0] });
    expect(group.snapshot()).toMatchObject({ state: 'crashed', lastError: { message: 'Error: gone' } });
  });

  it('knows since when it rebalances, across a restart of the client, until it has joined again', () => {
    const group = new GroupState('g', () => undefined);
    group.joined({ t: [0] });
    group.rebalancing();
    const since = group.snapshot().rebalancingSince!;
    expect(since).toBeGreaterThan(0);
    group.transition('starting', new Error('restarting'));
    group.rebalancing();
    expect(group.snapshot().rebalancingSince).toBe(since);
    group.joined({ t: [0] });
    expect(group.snapshot().rebalancingSince).toBeUndefined();
  });
});
