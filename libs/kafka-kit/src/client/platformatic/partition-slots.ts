import type { Consumer } from '@platformatic/kafka';
import type { CommitHolds } from '../commit-holds.js';
import type { ConsumerEvents, FetchedBatch } from '../consumer-client.js';

/** One assigned partition, as the consumer loop tracks it. */
export interface PartitionSlot {
  topic: string;
  partition: number;
  /** Next offset to fetch; undefined until the committed offset is known. */
  position?: bigint;
  /** Next offset to commit (one past the last processed record). */
  toCommit?: bigint;
  committed?: bigint;
  /** Unconfirmed failure writes: commits stay at or below them (created at the first hold). */
  holds?: CommitHolds;
  /** Bumped by seek and by the end of a batch: a fetch answer for an older epoch is stale. */
  epoch: number;
  /** A batch of it is queued or being handled: it is not fetched meanwhile. */
  busy: boolean;
}

export const slotKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

const EARLIEST = -2n;
const LATEST = -1n;

/** Starts newly assigned partitions at their committed offsets, else the earliest or latest by `fromBeginning`. */
export async function resolvePositions(
  consumer: Consumer,
  slots: PartitionSlot[],
  fromBeginning: boolean,
): Promise<void> {
  if (slots.length === 0) return;
  const byTopic = new Map<string, number[]>();
  for (const s of slots) byTopic.set(s.topic, [...(byTopic.get(s.topic) ?? []), s.partition]);
  const topics = [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
  const committed = await consumer.listCommittedOffsets({ topics });
  const missing = slots.filter((s) => {
    const offset = committed.get(s.topic)?.[s.partition];
    if (offset === undefined || offset < 0n) return true;
    s.position ??= offset;
    s.committed = offset;
    return false;
  });
  if (missing.length === 0) return;
  const partitions: Record<string, number[]> = {};
  for (const s of missing) (partitions[s.topic] ??= []).push(s.partition);
  const listed = await consumer.listOffsets({
    topics: Object.keys(partitions),
    partitions,
    timestamp: fromBeginning ? EARLIEST : LATEST,
  });
  for (const s of missing) s.position ??= listed.get(s.topic)?.[s.partition] ?? 0n;
}

/** Commits the slots whose processed offset moved since their last commit. */
export async function commitSlots(consumer: Consumer, slots: PartitionSlot[]): Promise<void> {
  const due = slots.filter((s) => s.toCommit !== undefined && s.toCommit !== s.committed);
  if (due.length === 0) return;
  const offsets = due.map((s) => ({
    topic: s.topic,
    partition: s.partition,
    offset: s.holds ? s.holds.clamp(s.topic, s.partition, s.toCommit!) : s.toCommit!,
    leaderEpoch: -1,
  }));
  await consumer.commit({ offsets });
  for (let i = 0; i < due.length; i++) due[i]!.committed = offsets[i]!.offset;
}

/**
 * After a batch: the records after the last one processed (`last`) are fetched again, unless a
 * seek during the batch (a new epoch) moved the partition; answers fetched meanwhile are stale.
 */
export function batchEnded(
  slot: PartitionSlot,
  epoch: number,
  batch: FetchedBatch,
  last: bigint | undefined,
): void {
  if (slot.epoch === epoch) {
    const lastOffset = BigInt(batch.records.at(-1)!.offset);
    if (last === undefined || last < lastOffset)
      slot.position = last === undefined ? BigInt(batch.records[0]!.offset) : last + 1n;
    slot.epoch++;
  }
  slot.busy = false;
}

export function batchSummary(batch: FetchedBatch): ConsumerEvents['batchProcessed'] {
  const lag = BigInt(batch.highWatermark) - 1n - BigInt(batch.records.at(-1)!.offset);
  return {
    topic: batch.topic,
    partition: batch.partition,
    offsetLag: (lag < 0n ? 0n : lag).toString(),
    batchSize: batch.records.length,
  };
}
