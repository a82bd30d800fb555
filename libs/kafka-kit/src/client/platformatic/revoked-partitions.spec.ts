import { describe, expect, it } from 'vitest';
import type { FetchedBatch } from '../consumer-client.js';
import type { PartitionSlot } from './partition-slots.js';
import { RevokedPartitions } from './revoked-partitions.js';

const slot = (partition: number): PartitionSlot => ({ topic: 't', partition, epoch: 0, busy: true });
const batch = { topic: 't', partition: 0, highWatermark: '9', records: [] } as unknown as FetchedBatch;

describe('RevokedPartitions', () => {
  it('holds a revoked partition until the batches in hand ended and were committed, dropping its queued batches', async () => {
    const order: string[] = [];
    let finish!: () => void;
    const inHand = new Promise<void>((r) => (finish = r)).then(() => void order.push('handled'));
    const revokedSlot = slot(0);
    const kept = slot(1);
    const queue = [
      { slot: revokedSlot, batch },
      { slot: kept, batch },
    ];
    const revoked = new RevokedPartitions(queue, new Set([inHand]), async () => {
      order.push(`committed with ${revoked.slots.map((s) => s.partition).join(',')}`);
    });
    revoked.letGo([revokedSlot]);
    expect(queue.map((q) => q.slot)).toEqual([kept]);
    expect(revoked.slots).toEqual([revokedSlot]);
    await Promise.resolve();
    expect(order).toEqual([]);
    finish();
    await expect.poll(() => revoked.slots).toEqual([]);
    expect(order).toEqual(['handled', 'committed with 0']);
  });

  it('lets go after a failed commit too (the next owner handles those records again)', async () => {
    const revoked = new RevokedPartitions([], new Set(), () => Promise.reject(new Error('fenced')));
    revoked.letGo([slot(4)]);
    await expect.poll(() => revoked.slots).toEqual([]);
  });
});
