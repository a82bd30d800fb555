import type { FetchedBatch } from '../consumer-client.js';
import { atMost } from './at-most.js';
import type { PartitionSlot } from './partition-slots.js';

/**
 * Holds a classic-protocol member back from rejoining its group until its work is settled: batches
 * fetched but not yet handed out are given back (their partitions are fetched again from their
 * first record), the batches being handled end at their next record (`active` makes their
 * `shouldContinue` false), and what they processed is committed. While it is `active` (from the
 * JoinGroup's start to the join), no fetch starts and no batch is handed out. A commit that fails
 * here is not fatal: the next owner then handles those records again, which is the at-least-once
 * the group promises.
 *
 * @platformatic/kafka sends no heartbeat once a join has begun, so the wait is capped at half the
 * session timeout: a longer one would end the membership it is waiting to keep. Past the cap the
 * join goes on; a record still being handled then may be handled again by its next owner. The cap
 * also ends a wait on a commit that @platformatic/kafka holds for this very join (a commit answered
 * REBALANCE_IN_PROGRESS or UNKNOWN_MEMBER_ID rejoins before it is tried again).
 */
export class RejoinBarrier {
  active = false;

  constructor(
    private readonly queue: { slot: PartitionSlot; batch: FetchedBatch }[],
    private readonly handling: ReadonlyMap<Promise<void>, PartitionSlot>,
    private readonly commit: () => Promise<void>,
  ) {}

  /** Settles the member's work, in at most half of `sessionTimeoutMs`. */
  async before(sessionTimeoutMs: number): Promise<Buffer> {
    this.active = true;
    for (const { slot, batch } of this.queue.splice(0)) {
      slot.position = BigInt(batch.records[0]!.offset);
      slot.epoch++;
      slot.busy = false;
    }
    await atMost(
      Promise.allSettled([...this.handling.keys()]).then(() => this.commit()),
      sessionTimeoutMs / 2,
    );
    // The protocol metadata's user data, which no assignor of ours reads.
    return Buffer.alloc(0);
  }

  joined(): void {
    this.active = false;
  }
}
