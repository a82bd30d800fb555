import type { FetchedBatch } from '../consumer-client.js';
import type { PartitionSlot } from './partition-slots.js';

/**
 * Holds a classic-protocol member back from rejoining its group until its work is settled: batches
 * fetched but not yet handed out are given back (their partitions are fetched again from their
 * first record), the batches being handled finish, and what they processed is committed. While it
 * is `active` (from the JoinGroup's start to the join), no fetch starts and no batch is handed out.
 * A commit that fails here is not fatal: the next owner then handles those records again, which is
 * the at-least-once the group promises.
 */
export class RejoinBarrier {
  active = false;

  constructor(
    private readonly queue: { slot: PartitionSlot; batch: FetchedBatch }[],
    private readonly handling: ReadonlyMap<Promise<void>, PartitionSlot>,
    private readonly commit: () => Promise<void>,
  ) {}

  async before(): Promise<Buffer> {
    this.active = true;
    for (const { slot, batch } of this.queue.splice(0)) {
      slot.position = BigInt(batch.records[0]!.offset);
      slot.epoch++;
      slot.busy = false;
    }
    await Promise.allSettled([...this.handling.keys()]);
    await this.commit().catch(() => undefined);
    // The protocol metadata's user data, which no assignor of ours reads.
    return Buffer.alloc(0);
  }

  joined(): void {
    this.active = false;
  }
}
