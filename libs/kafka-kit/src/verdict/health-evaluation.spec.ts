import { describe, expect, it } from 'vitest';
import type { ConsumerGroupStatus } from '../consumer/state/consumer-state.js';
import type { GroupLag, LagSnapshot } from '../lag/lag-sample.js';
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
});
