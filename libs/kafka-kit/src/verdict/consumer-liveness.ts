import type { ConsumerGroupStatus, StoppedPartitionKind } from '../consumer/state/consumer-state.js';

/** Why a consumer group is not alive. */
export type LivenessProblem =
  | {
      /** The consumer group. */
      groupId: string;
      /** kafkajs gave up on the consumer and will not restart it. */
      reason: 'crashed';
      /** The error kafkajs crashed with. */
      error: string;
      /** Epoch ms of that error, or `null` when unknown. */
      since: number | null;
    }
  | {
      /** The consumer group. */
      groupId: string;
      /** The group has been rebalancing for `stuckRebalanceMs` or longer. */
      reason: 'rebalancing';
      /** Epoch ms since when it rebalances. */
      since: number;
      /** How long it has been rebalancing, in ms. */
      rebalancingForMs: number;
    }
  | {
      /** The consumer group. */
      groupId: string;
      /** A handler call has run longer than `stuckHandlerMs`. */
      reason: 'stuck-handler';
      /** Topic of the record being handled. */
      topic: string;
      /** Its partition. */
      partition: number;
      /** Its offset, as a decimal string. */
      offset: string;
      /** How long the call has been running, in ms. */
      handlingForMs: number;
    }
  | {
      /** The consumer group. */
      groupId: string;
      /** A partition is halted at a record. */
      reason: 'stopped-partition';
      /** Why it is halted: see StoppedPartitionKind. */
      kind: StoppedPartitionKind;
      /** The partition's topic. */
      topic: string;
      /** The partition. */
      partition: number;
      /** The record it is halted at. */
      offset: string;
      /** The failure, or why the DLQ or retry write fails. */
      error: string;
      /** Epoch ms when it stopped. */
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
