import { describe, expect, it } from 'vitest';
import type { ConsumerGroupStatus, ConsumerState } from '../consumer/state/consumer-state.js';
import { groupReadiness } from './consumer-readiness.js';

const group = (state: ConsumerState, assignment: Record<string, number[]> = {}): ConsumerGroupStatus => ({
  groupId: 'g',
  state,
  assignment,
  stoppedPartitions: [],
  activity: [],
  rebalances: 0,
});

describe('groupReadiness', () => {
  it('is ready once joined, paused included, and counts the assigned partitions', () => {
    expect(groupReadiness(group('running', { a: [0, 1], b: [2] }))).toEqual({
      groupId: 'g',
      ready: true,
      state: 'running',
      assignedPartitions: 3,
    });
    expect(groupReadiness(group('paused')).ready).toBe(true);
  });

  it.each<ConsumerState>(['starting', 'rebalancing', 'stopped', 'crashed'])(
    'is not ready when %s',
    (state) => {
      expect(groupReadiness(group(state)).ready).toBe(false);
    },
  );
});
