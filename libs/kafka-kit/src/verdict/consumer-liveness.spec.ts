import { describe, expect, it } from 'vitest';
import type { ConsumerGroupStatus, PartitionActivity } from '../consumer/state/consumer-state.js';
import { livenessProblems } from './consumer-liveness.js';

const slot = (partition: number, handlingSince: number): PartitionActivity => ({
  groupId: 'g',
  topic: 't',
  partition,
  offset: '41',
  handlingSince,
  lastProgressAt: 0,
  handled: 0,
  positionLag: '0',
});

const group = (over: Partial<ConsumerGroupStatus> = {}): ConsumerGroupStatus => ({
  groupId: 'g',
  state: 'running',
  assignment: { t: [0, 1] },
  stoppedPartitions: [],
  activity: [],
  rebalances: 0,
  ...over,
});

describe('livenessProblems', () => {
  it('reports a group rebalancing for stuckRebalanceMs or longer, with since when, and not before', () => {
    const rebalancing = group({ state: 'rebalancing', rebalancingSince: 1000 });
    expect(livenessProblems(rebalancing, 2999, 5000, 2000)).toEqual([]);
    expect(livenessProblems(rebalancing, 3000, 5000, 2000)).toEqual([
      { groupId: 'g', reason: 'rebalancing', since: 1000, rebalancingForMs: 2000 },
    ]);
  });

  it('finds nothing in a running group whose handlers return in time', () => {
    expect(livenessProblems(group({ activity: [slot(0, 0), slot(1, 9_000)] }), 10_000, 5000)).toEqual([]);
  });

  it('reports a handler running longer than the threshold, with where and for how long', () => {
    const problems = livenessProblems(group({ activity: [slot(0, 0), slot(1, 4_000)] }), 10_000, 5000);
    expect(problems).toEqual([
      { groupId: 'g', reason: 'stuck-handler', topic: 't', partition: 1, offset: '41', handlingForMs: 6000 },
    ]);
  });

  it('reports a crashed group with its error', () => {
    const crashed = group({ state: 'crashed', lastError: { message: 'KafkaJSError: boom', at: 5 } });
    expect(livenessProblems(crashed, 10, 5000)).toEqual([
      { groupId: 'g', reason: 'crashed', error: 'KafkaJSError: boom', since: 5 },
    ]);
  });

  it('reports a partition stopped on error with topic, partition, offset and error', () => {
    const stopped = {
      kind: 'stop-on-error' as const,
      topic: 't',
      partition: 0,
      offset: '7',
      error: 'Error: bad',
      since: 3,
    };
    expect(livenessProblems(group({ state: 'paused', stoppedPartitions: [stopped] }), 10, 5000)).toEqual([
      { groupId: 'g', reason: 'stopped-partition', ...stopped },
    ]);
  });
});
