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

  it('names the subscribed topics a starting group waits for, and only while it is starting', () => {
    const missingTopics = { topics: ['orders.retry.1'], since: Date.UTC(2026, 0, 1) };
    expect(groupReadiness({ ...group('starting'), missingTopics }, 0)).toMatchObject({
      ready: false,
      reason:
        'subscribed topic orders.retry.1 missing since 2026-01-01T00:00:00.000Z: the consumer tries to join again with back-off and goes on by itself once it exists',
    });
    expect(groupReadiness({ ...group('crashed'), missingTopics }, 0).reason).toBeUndefined();
  });

  it('is not ready once the last heartbeat is older than the session timeout (the broker dropped it)', () => {
    const joined = { ...group('running', { a: [0] }), lastHeartbeatAt: 1000, sessionTimeoutMs: 10_000 };
    expect(groupReadiness(joined, 11_000).ready).toBe(true);
    const dropped = groupReadiness(joined, 12_500);
    expect(dropped).toMatchObject({ ready: false, state: 'running', assignedPartitions: 1 });
    expect(dropped.reason).toBe(
      'no heartbeat for 12 s, longer than the session timeout (10 s): the broker no longer counts this member',
    );
  });

  it('is not ready while its offset store cannot be read, saying which partitions wait and why', () => {
    const held: ConsumerGroupStatus = {
      ...group('paused', { a: [0, 1] }),
      stoppedPartitions: [
        {
          kind: 'offset-store',
          topic: 'a',
          partition: 0,
          offset: '',
          error: 'offset store unreadable: ECONNREFUSED',
          since: 0,
        },
        {
          kind: 'offset-store',
          topic: 'a',
          partition: 1,
          offset: '',
          error: 'offset store unreadable: ECONNREFUSED',
          since: 0,
        },
      ],
    };
    expect(groupReadiness(held, 0)).toMatchObject({ ready: false, state: 'paused', assignedPartitions: 2 });
    expect(groupReadiness(held, 0).reason).toBe(
      'a[0], a[1] held since 1970-01-01T00:00:00.000Z: offset store unreadable: ECONNREFUSED; they go on by themselves once the store answers',
    );
    const stopped = {
      ...held,
      stoppedPartitions: [{ ...held.stoppedPartitions[0]!, kind: 'stop-on-error' as const }],
    };
    expect(groupReadiness(stopped, 0).ready).toBe(true);
  });
});
