import type { ConsumerGroupStatus } from '../consumer/state/consumer-state.js';
import { memberExpired, offsetStoreUnreadable, topicsMissing } from './verdict.messages.js';

/** One group's readiness, as the readiness check reports it. */
export interface GroupReadiness {
  groupId: string;
  ready: boolean;
  state: ConsumerGroupStatus['state'];
  /** Partitions assigned to this member. */
  assignedPartitions: number;
  /** Epoch ms since when the group has been rebalancing, while it is. */
  rebalancingSince?: number;
  /**
   * Why a joined group is not ready after all: the broker dropped the member, or its offset
   * store cannot be read (its partitions are held until it can); or why a starting group cannot
   * join: subscribed topics missing.
   */
  reason?: string;
}

/**
 * A group is ready once it has joined and received its assignment: running, or paused (joined,
 * with a partition stopped on error, which liveness reports). Starting, rebalancing, stopped
 * and crashed groups are not ready, and neither is a joined one whose last heartbeat is older
 * than its session timeout: kafkajs heartbeats from its fetch loop, so a handler that blocks
 * the loop that long has had the member dropped by the coordinator (its partitions go to other
 * members) while the process still believes it holds them. A member may legitimately get no
 * partitions (more members than partitions); it is still ready. A group whose offset store
 * cannot be read is not ready either: it holds its partitions and can do no work until the
 * database answers, which a restart would not change (so liveness does not count it). A group
 * starting over and over because a subscribed topic is missing says so.
 */
export function groupReadiness(group: ConsumerGroupStatus, now: number): GroupReadiness {
  const joined = group.state === 'running' || group.state === 'paused';
  const { lastHeartbeatAt, sessionTimeoutMs } = group;
  const silentMs = lastHeartbeatAt === undefined ? 0 : now - lastHeartbeatAt;
  const expired = joined && sessionTimeoutMs !== undefined && silentMs > sessionTimeoutMs;
  const held = group.stoppedPartitions.filter((s) => s.kind === 'offset-store');
  const missing = group.state === 'starting' ? group.missingTopics : undefined;
  const reason = expired
    ? memberExpired(silentMs, sessionTimeoutMs)
    : held.length > 0
      ? offsetStoreUnreadable(held)
      : missing && topicsMissing(missing);
  return {
    groupId: group.groupId,
    ready: joined && !expired && held.length === 0,
    state: group.state,
    assignedPartitions: Object.values(group.assignment).reduce((n, ps) => n + ps.length, 0),
    ...(group.rebalancingSince !== undefined && { rebalancingSince: group.rebalancingSince }),
    ...(reason !== undefined && { reason }),
  };
}
