import { describe, expect, it } from 'vitest';
import type { FetchedBatch } from '../consumer-client.js';
import { slotKey, type PartitionSlot } from './partition-slots.js';
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
    const revoked = new RevokedPartitions(new Map(), queue, new Map([[inHand, revokedSlot]]), async () => {
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
    const revoked = new RevokedPartitions(new Map(), [], new Map(), () =>
      Promise.reject(new Error('fenced')),
    );
    revoked.letGo([slot(4)]);
    await expect.poll(() => revoked.slots).toEqual([]);
  });

  it('revoke takes the named partitions from the assigned ones and settles once they are let go', async () => {
    const assigned = new Map([0, 1].map((p) => [slotKey('t', p), slot(p)]));
    let finish!: () => void;
    const inHand = new Promise<void>((r) => (finish = r));
    const commits: number[][] = [];
    const revoked = new RevokedPartitions(
      assigned,
      [],
      new Map([[inHand, assigned.get(slotKey('t', 1))!]]),
      async () => {
        commits.push(revoked.slots.map((s) => s.partition));
      },
    );
    let settled = false;
    const released = revoked.revoke([{ topic: 't', partition: 1 }]).then(() => (settled = true));
    expect([...assigned.keys()]).toEqual([slotKey('t', 0)]);
    expect(revoked.slots.map((s) => s.partition)).toEqual([1]);
    await Promise.resolve();
    expect(settled).toBe(false);
    finish();
    await released;
    expect(commits).toEqual([[1]]);
    expect(revoked.slots).toEqual([]);
  });

  it('revoke also waits for a named partition already being let go', async () => {
    let finish!: () => void;
    const inHand = new Promise<void>((r) => (finish = r));
    const leaving = slot(3);
    const revoked = new RevokedPartitions(new Map(), [], new Map([[inHand, leaving]]), async () => undefined);
    void revoked.letGo([leaving]);
    let settled = false;
    const released = revoked.revoke([{ topic: 't', partition: 3 }]).then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    finish();
    await released;
    expect(revoked.slots).toEqual([]);
  });

  it('does not wait for the batches of partitions it keeps', async () => {
    const kept = slot(1);
    const neverEnds = new Promise<void>(() => undefined);
    const revoked = new RevokedPartitions(new Map(), [], new Map([[neverEnds, kept]]), async () => undefined);
    await revoked.letGo([slot(0)]);
    expect(revoked.slots).toEqual([]);
  });
});
