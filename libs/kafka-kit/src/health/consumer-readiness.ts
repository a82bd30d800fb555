import type { ConsumerGroupStatus } from '../consumer/state/consumer-state.js';

/** One group's readiness, as the readiness check reports it. */
export interface GroupReadiness {
  groupId: string;
  ready: boolean;
  state: ConsumerGroupStatus['state'];
  /** Partitions assigned to this member. */
  assignedPartitions: number;
  /** Epoch ms since when the group has been rebalancing, while it is. */
  rebalancingSince?: number;
}

/**
 * A group is ready once it has joined and received its assignment: running, or paused (joined,
 * with a partition stopped on error, which liveness reports). Starting, rebalancing, stopped
 * and crashed groups are not ready. A member may legitimately get no partitions (more members
 * than partitions); it is still ready.
 */
export function groupReadiness(group: ConsumerGroupStatus): GroupReadiness {
  return {
    groupId: group.groupId,
    ready: group.state === 'running' || group.state === 'paused',
    state: group.state,
    assignedPartitions: Object.values(group.assignment).reduce((n, ps) => n + ps.length, 0),
    ...(group.rebalancingSince !== undefined && { rebalancingSince: group.rebalancingSince }),
  };
}
