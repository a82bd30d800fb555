import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FetchedBatch } from '../consumer-client.js';
import type { PartitionSlot } from './partition-slots.js';
import { RejoinBarrier } from './rejoin-barrier.js';

const batchFrom = (first: number): FetchedBatch =>
  ({ topic: 't', partition: 0, highWatermark: '100', records: [{ offset: String(first) }] }) as FetchedBatch;

describe('RejoinBarrier', () => {
  it('rejoins only after the batches in flight finished and were committed, giving queued ones back', async () => {
    const order: string[] = [];
    let finish!: () => void;
    const inFlight = new Promise<void>((r) => (finish = r)).then(() => void order.push('handled'));
    const handling = new Map([
      [inFlight, { topic: 't', partition: 0, epoch: 0, busy: true } as PartitionSlot],
    ]);
    const queued: PartitionSlot = { topic: 't', partition: 1, position: 20n, epoch: 3, busy: true };
    const queue = [{ slot: queued, batch: batchFrom(10) }];
    const barrier = new RejoinBarrier(queue, handling, async () => {
      order.push('committed');
    });
    const rejoin = barrier.before(10_000).then((userData) => {
      order.push('rejoin');
      return userData;
    });
    expect(barrier.active).toBe(true);
    expect(queue).toEqual([]);
    expect(queued).toMatchObject({ position: 10n, epoch: 4, busy: false });
    await Promise.resolve();
    expect(order).toEqual([]);
    finish();
    expect(await rejoin).toEqual(Buffer.alloc(0));
    expect(order).toEqual(['handled', 'committed', 'rejoin']);
    barrier.joined();
    expect(barrier.active).toBe(false);
  });

  it('still rejoins when the commit fails (the next owner then handles those records again)', async () => {
    const barrier = new RejoinBarrier([], new Map(), () => Promise.reject(new Error('coordinator moved')));
    await expect(barrier.before(10_000)).resolves.toEqual(Buffer.alloc(0));
  });

  describe('with no heartbeat going out meanwhile', () => {
    afterEach(() => void vi.useRealTimers());

    it('rejoins after half the session timeout though a batch never ends', async () => {
      vi.useFakeTimers();
      const stuck = new Promise<void>(() => undefined);
      const handling = new Map([
        [stuck, { topic: 't', partition: 0, epoch: 0, busy: true } as PartitionSlot],
      ]);
      let settled = false;
      const rejoin = new RejoinBarrier([], handling, async () => undefined).before(6000).then(() => {
        settled = true;
      });
      await vi.advanceTimersByTimeAsync(2999);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await rejoin;
      expect(settled).toBe(true);
    });

    it('rejoins after half the session timeout though the commit waits for this very join', async () => {
      vi.useFakeTimers();
      const barrier = new RejoinBarrier([], new Map(), () => new Promise<void>(() => undefined));
      const rejoin = barrier.before(6000);
      await vi.advanceTimersByTimeAsync(3000);
      await expect(rejoin).resolves.toEqual(Buffer.alloc(0));
      expect(barrier.active).toBe(true);
    });
  });
});
