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
    expect(groupReadiness(group('running', { a: [0, 1], b: [2] }), 0)).toEqual({
      groupId: 'g',
      ready: true,
      state: 'running',
      assignedPartitions: 3,
    });
    expect(groupReadiness(group('paused'), 0).ready).toBe(true);
  });

  it.each<ConsumerState>(['starting', 'rebalancing', 'stopped', 'crashed'])(
    'is not ready when %s',
    (state) => {
      expect(groupReadiness(group(state), 0).ready).toBe(false);
    },
  );

  it('is not ready once the last heartbeat is older than the session timeout (the broker dropped it)', () => {
    const joined = { ...group('running', { a: [0] }), lastHeartbeatAt: 1000, sessionTimeoutMs: 10_000 };
    expect(groupReadiness(joined, 11_000).ready).toBe(true);
    const dropped = groupReadiness(joined, 12_500);
    expect(dropped).toMatchObject({ ready: false, state: 'running', assignedPartitions: 1 });
    expect(dropped.reason).toBe(
      'no heartbeat for 12 s, longer than the session timeout (10 s): the broker no longer counts this member',
    );
  });
});
