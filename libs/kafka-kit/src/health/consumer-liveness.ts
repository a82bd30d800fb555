import type { ConsumerGroupStatus } from '../consumer/state/consumer-state.js';

/** Why a consumer group is not alive. */
export type LivenessProblem =
  | { groupId: string; reason: 'crashed'; error: string; since: number | null }
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
      topic: string;
      partition: number;
      offset: string;
      error: string;
      since: number;
    };

/**
 * What keeps a group from making progress: kafkajs gave up on it (crashed), a handler has run
 * longer than `stuckHandlerMs`, or stop-on-error halted a partition. Read straight from the
 * consumer's own state, so a stall shows at the next probe, not after a lag window.
 */
export function livenessProblems(
  group: ConsumerGroupStatus,
  now: number,
  stuckHandlerMs: number,
): LivenessProblem[] {
  const { groupId } = group;
  const problems: LivenessProblem[] = [];
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
