import type { ConsumerGroupStatus, StoppedPartitionKind } from '../consumer/state/consumer-state.js';

/** Why a consumer group is not alive. */
export type LivenessProblem =
  | { groupId: string; reason: 'crashed'; error: string; since: number | null }
  | { groupId: string; reason: 'rebalancing'; since: number; rebalancingForMs: number }
  | {
      groupId: string;
      reason: 'stuck-handler';
      topic: string;
      partition: number;
      offset: string;
      handlingForMs: number;
    }
  | {
      groupId: string;
      reason: 'stopped-partition';
      kind: StoppedPartitionKind;
      topic: string;
      partition: number;
      offset: string;
      error: string;
      since: number;
    };

/** Twice the default session timeout: by then a dead member's session has long expired. */
export const DEFAULT_STUCK_REBALANCE_MS = 60_000;

/**
 * What keeps a group from making progress: kafkajs gave up on it (crashed), it has been
 * rebalancing for `stuckRebalanceMs` or longer (a member died and the coordinator waits for its
 * session to time out, or worse), a handler has run longer than `stuckHandlerMs`, or a partition
 * is stopped. Read straight from the
 * consumer's own state, so a stall shows at the next probe, not after a lag window.
 */
export function livenessProblems(
  group: ConsumerGroupStatus,
  now: number,
  stuckHandlerMs: number,
  stuckRebalanceMs = DEFAULT_STUCK_REBALANCE_MS,
): LivenessProblem[] {
  const { groupId, rebalancingSince } = group;
  const problems: LivenessProblem[] = [];
  if (rebalancingSince !== undefined && now - rebalancingSince >= stuckRebalanceMs) {
    problems.push({
      groupId,
      reason: 'rebalancing',
      since: rebalancingSince,
      rebalancingForMs: now - rebalancingSince,
    });
  }
  if (group.state === 'crashed') {
    problems.push({
      groupId,
      reason: 'crashed',
      error: group.lastError?.message ?? 'unknown error',
      since: group.lastError?.at ?? null,
    });
  }
  for (const a of group.activity) {
    if (a.handlingSince > 0 && now - a.handlingSince > stuckHandlerMs) {
      const { topic, partition, offset } = a;
      problems.push({
        groupId,
        reason: 'stuck-handler',
        topic,
        partition,
        offset,
        handlingForMs: now - a.handlingSince,
      });
    }
  }
  for (const s of group.stoppedPartitions) {
    problems.push({ groupId, reason: 'stopped-partition', ...s });
  }
  return problems;
}
