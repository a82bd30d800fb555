import type { FetchedBatch } from '../consumer-client.js';
import type { PartitionSlot } from './partition-slots.js';

/**
 * Partitions taken from this member, kept until they are let go: the batches of them fetched but not
 * handed out are dropped (their next owner fetches those records), the batches being handled end,
 * and what was processed is committed. Under KIP-848 the member's heartbeats list them as owned
 * until then (`hookHeartbeats`), so the next owner starts after that commit; under the
 * classic protocol the rejoin barrier has settled them already. A commit that fails here is not
 * fatal: the next owner then handles those records again, the at-least-once the group promises.
 */
export class RevokedPartitions {
  private readonly draining = new Set<PartitionSlot>();

  constructor(
    private readonly queue: { slot: PartitionSlot; batch: FetchedBatch }[],
    private readonly handling: Set<Promise<void>>,
    private readonly commit: () => Promise<void>,
  ) {}

  /** The revoked partitions not let go yet; what the consumer commits includes them. */
  get slots(): PartitionSlot[] {
    return [...this.draining];
  }

  letGo(revoked: PartitionSlot[]): void {
    if (revoked.length === 0) return;
    for (const slot of revoked) this.draining.add(slot);
    for (let i = this.queue.length - 1; i >= 0; i--)
      if (this.draining.has(this.queue[i]!.slot)) this.queue.splice(i, 1);
    void Promise.allSettled([...this.handling])
      .then(() => this.commit())
      .catch(() => undefined)
      .finally(() => {
        for (const slot of revoked) this.draining.delete(slot);
      });
  }
}
