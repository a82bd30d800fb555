import { describe, expect, it } from 'vitest';
import type { ConsumerGroupStatus } from '../consumer/state/consumer-state.js';
import type { GroupLag, LagSnapshot, PartitionLag } from '../lag/lag-sample.js';
import { evaluateHealth, judgedGroupLag } from './health-evaluation.js';

const sampled: GroupLag = {
  groupId: 'g',
  sampledAt: 1,
  own: true,
  groupState: 'PreparingRebalance',
  members: 2,
  status: 'OK',
  totalLag: 0,
  maxLag: null,
  maxTimeLagSeconds: null,
  unknownLagPartitions: 0,
  complete: 1,
  partitions: [],
};
const snapshot: LagSnapshot = { sampledAt: 1, groups: [sampled], topics: [], cost: null };
const rebalancing = (since: number): ConsumerGroupStatus => ({
  groupId: 'g',
  state: 'rebalancing',
  assignment: {},
  stoppedPartitions: [],
  activity: [],
  rebalances: 1,
  rebalancingSince: since,
});
const options = { stuckHandlerMs: 5000, stuckRebalanceMs: 5000 };
const partitionOf = (topic: string, partition: number): PartitionLag => ({
  topic,
  partition,
  committedOffset: '5',
  logEndOffset: '5',
  oldestOffset: '0',
  lag: 0,
  timeLagSeconds: 0,
  timeLagLowerBound: false,
  positionLag: null,
  owner: null,
  status: 'OK',
  window: [],
  complete: 1,
  delayed: false,
});

describe('evaluateHealth', () => {
  it('judges one rebalance the same in every answer: WARN and not ready at once, ERR and not live once stuck', () => {
    const fresh = evaluateHealth(snapshot, [rebalancing(0)], 2000, options);
    expect(fresh.liveness).toEqual([]);
    expect(fresh.readiness[0]).toMatchObject({ ready: false, rebalancingSince: 0 });
    expect(fresh.lag).toMatchObject({ status: 'degraded', groups: [{ status: 'WARN', windowStatus: 'OK' }] });

    const stuck = evaluateHealth(snapshot, [rebalancing(0)], 6000, options);
    expect(stuck.liveness).toEqual([
      { groupId: 'g', reason: 'rebalancing', since: 0, rebalancingForMs: 6000 },
    ]);
    expect(stuck.lag).toMatchObject({ status: 'down', groups: [{ status: 'ERR' }] });
    expect(judgedGroupLag(sampled, stuck.lag.groups[0]).status).toBe('ERR');
  });

  it('judges an unreadable offset store in every answer: not ready with the reason, STOP, still live', () => {
    const held: ConsumerGroupStatus = {
      ...rebalancing(0),
      state: 'paused',
      assignment: { t: [0] },
      rebalancingSince: undefined,
      stoppedPartitions: [
        {
          kind: 'offset-store',
          topic: 't',
          partition: 0,
          offset: '',
          error: 'offset store unreadable: ECONNREFUSED',
          since: 1000,
        },
      ],
    };
    const lag = { ...sampled, groupState: 'Stable', partitions: [partitionOf('t', 0)] };
    const judged = evaluateHealth({ ...snapshot, groups: [lag] }, [held], 2000, options);
    expect(judged.liveness).toEqual([]);
    expect(judged.readiness[0]).toMatchObject({ ready: false, state: 'paused' });
    expect(judged.readiness[0]!.reason).toContain(
      't[0] held since 1970-01-01T00:00:01.000Z: offset store unreadable: ECONNREFUSED',
    );
    expect(judged.lag.status).toBe('down');
    expect(judged.lag.groups[0]).toMatchObject({
      status: 'ERR',
      partitions: [{ status: 'STOP', signal: 'stopped-partition' }],
    });
    expect(judged.lag.groups[0]!.reasons.join('\n')).toContain('offset store unreadable: ECONNREFUSED');
  });
});
