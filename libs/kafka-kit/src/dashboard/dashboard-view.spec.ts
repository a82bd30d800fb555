import { describe, expect, it } from 'vitest';
import type { ConsumerGroupStatus } from '../consumer/state/consumer-state.js';
import type { GroupLagDetail } from '../verdict/lag-verdict.js';
import type { GroupLag, PartitionLag } from '../lag/lag-sample.js';
import { groupDetail, groupRows, type DashboardInputs } from './dashboard-view.js';
import { LagHistory } from './lag-history.js';

const partition = {
  topic: 't',
  partition: 0,
  committedOffset: '5',
  logEndOffset: '9',
  lag: 4,
} as PartitionLag;
const foreign = {
  groupId: 'billing',
  sampledAt: 1,
  groupState: 'Stable',
  members: 2,
  totalLag: 4,
  maxTimeLagSeconds: 1.5,
  partitions: [{ ...partition, status: 'OK' }],
} as unknown as GroupLag;
const own = {
  groupId: 'orders',
  state: 'paused',
  assignment: { t: [0] },
  stoppedPartitions: [{ kind: 'stop-on-error', topic: 't', partition: 0, offset: '5', error: 'e', since: 0 }],
  activity: [],
  rebalances: 0,
} as ConsumerGroupStatus;
const verdicts = [
  { groupId: 'billing', status: 'OK', partitions: [{ topic: 't', partition: 0, status: 'OK' }] },
] as unknown as GroupLagDetail[];

const inputs: DashboardInputs = {
  sampled: [foreign],
  verdicts,
  consumers: [own],
  history: new LagHistory(1000),
};

describe('dashboard views', () => {
  it('lists sampled groups and this process’s groups, by name', () => {
    const rows = groupRows(inputs);
    expect(rows.map((r) => r.groupId)).toEqual(['billing', 'orders']);
    expect(rows[0]).toMatchObject({ state: 'Stable', verdict: 'OK', totalLag: 4, members: 2, own: false });
    expect(rows[1]).toMatchObject({ state: 'paused', verdict: null, totalLag: null, own: true, stopped: 1 });
  });

  it('names the owner of each partition', () => {
    expect(groupDetail('billing', inputs)!.partitions[0]!.owner).toEqual({ kind: 'another member' });
    const member = { memberId: 'billing-1-abc', clientId: 'billing-1', host: '/10.0.0.7' };
    const described = { ...inputs, sampled: [{ ...foreign, partitions: [{ ...partition, owner: member }] }] };
    expect(groupDetail('billing', described)!.partitions[0]!.owner).toEqual({ kind: 'member', ...member });
    const empty = { ...inputs, sampled: [{ ...foreign, members: 0 }] };
    expect(groupDetail('billing', empty)!.partitions[0]!.owner).toEqual({ kind: 'unassigned' });
    const mine = { ...inputs, sampled: [{ ...foreign, groupId: 'orders' }] };
    expect(groupDetail('orders', mine)!.partitions[0]!.owner).toEqual({ kind: 'this process' });
    expect(groupDetail('orders', mine)!.stopped).toHaveLength(1);
    expect(groupDetail('nobody', inputs)).toBeUndefined();
  });
});
