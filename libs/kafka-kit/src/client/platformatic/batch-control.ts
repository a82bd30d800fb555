import { CommitHolds } from '../commit-holds.js';
import type { BatchControl, FetchedBatch } from '../consumer-client.js';
import { batchEnded, type PartitionSlot } from './partition-slots.js';

export interface BatchHooks {
  /** Is `slot` still assigned and the consumer running? */
  current(slot: PartitionSlot): boolean;
  pause(): void;
  resume(): void;
  commit(): Promise<void>;
}

/**
 * What a batch handler may do with its partition. @platformatic/kafka heartbeats on its own
 * timer, so `heartbeat` has nothing to do; `ended` repositions the partition after the batch.
 */
export function batchControl(
  slot: PartitionSlot,
  hooks: BatchHooks,
): { control: BatchControl; ended(batch: FetchedBatch): void } {
  const epoch = slot.epoch;
  let last: bigint | undefined;
  const control: BatchControl = {
    markProcessed: (offset) => {
      last = BigInt(offset);
      if (slot.epoch === epoch) slot.toCommit = last + 1n;
    },
    holdCommits: (offset) => {
      // A failed commit on release leaves its offsets to the next one.
      slot.holds ??= new CommitHolds(() => void hooks.commit().catch(() => undefined));
      return slot.holds.hold(slot.topic, slot.partition, offset);
    },
    heartbeat: async () => undefined,
    shouldContinue: () => hooks.current(slot),
    pause: () => {
      hooks.pause();
      return hooks.resume;
    },
    commit: hooks.commit,
  };
  return { control, ended: (batch) => batchEnded(slot, epoch, batch, last) };
}
