import type { FetchedBatch } from '../consumer-client.js';
import type { HeldPartition } from './owned-partitions.js';
import { slotKey, type PartitionSlot } from './partition-slots.js';

/**
 * Partitions taken from this member, kept until they are let go: the batches of them fetched but not
 * handed out are dropped (their next owner fetches those records), their batches being handled end
 * (those of other partitions go on meanwhile), and what was processed is committed. Under KIP-848
 * the answer revoking them is handed on and the member's heartbeats list them as owned until then
 * (`hookHeartbeats`), so the next owner starts after that commit; under the classic protocol the
 * rejoin barrier has settled them already. A commit that fails here is not fatal: the next owner
 * then handles those records again, the at-least-once the group promises.
 */
export class RevokedPartitions {
  /** Each partition being let go, with the promise settled once it is. */
  private readonly draining = new Map<PartitionSlot, Promise<void>>();

  constructor(
    private readonly assigned: Map<string, PartitionSlot>,
    private readonly queue: { slot: PartitionSlot; batch: FetchedBatch }[],
    /** The batches being handled, with their partitions. */
    private readonly handling: ReadonlyMap<Promise<void>, PartitionSlot>,
    private readonly commit: () => Promise<void>,
  ) {}

  /** The revoked partitions not let go yet; what the consumer commits includes them. */
  get slots(): PartitionSlot[] {
    return [...this.draining.keys()];
  }

  /** Lets `revoked` go (no longer among the assigned); settled once they are. */
  letGo(revoked: PartitionSlot[]): Promise<void> {
    if (revoked.length === 0) return Promise.resolve();
    const leaving = new Set(revoked);
    for (let i = this.queue.length - 1; i >= 0; i--)
      if (leaving.has(this.queue[i]!.slot)) this.queue.splice(i, 1);
    const inHand = [...this.handling].filter(([, slot]) => leaving.has(slot)).map(([run]) => run);
    const released: Promise<void> = Promise.allSettled(inHand)
      .then(() => this.commit())
      .catch(() => undefined)
      .finally(() => {
        for (const slot of revoked) if (this.draining.get(slot) === released) this.draining.delete(slot);
      });
    for (const slot of revoked) this.draining.set(slot, released);
    return released;
  }

  /**
   * Takes `partitions` from the assigned ones and lets them go, before the assignment without them
   * reaches the consumer (a KIP-848 heartbeat's answer, held back until this settles): settled once
   * each of them, also one already being let go, is.
   */
  revoke(partitions: HeldPartition[]): Promise<void> {
    const keys = new Set(partitions.map((p) => slotKey(p.topic, p.partition)));
    const taken = [...this.assigned].filter(([key]) => keys.has(key)).map(([, slot]) => slot);
    for (const slot of taken) this.assigned.delete(slotKey(slot.topic, slot.partition));
    const pending = [...this.draining]
      .filter(([slot]) => keys.has(slotKey(slot.topic, slot.partition)))
      .map(([, released]) => released);
    return Promise.all([this.letGo(taken), ...pending]).then(() => undefined);
  }
}
