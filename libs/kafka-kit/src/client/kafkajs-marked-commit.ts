import type { EachBatchPayload } from 'kafkajs';
import type { CommitHolds } from './commit-holds.js';

/** Commits what the batches marked, each held partition only up to its lowest hold. */
export function commitMarked(
  payload: Pick<EachBatchPayload, 'commitOffsetsIfNecessary' | 'uncommittedOffsets'>,
  holds: CommitHolds,
): Promise<void> {
  if (!holds.any) return payload.commitOffsetsIfNecessary();
  const topics = payload.uncommittedOffsets().topics.map(({ topic, partitions }) => ({
    topic,
    partitions: partitions.map(({ partition, offset }) => ({
      partition,
      offset: holds.clamp(topic, partition, BigInt(offset)).toString(),
    })),
  }));
  return payload.commitOffsetsIfNecessary({ topics });
}
