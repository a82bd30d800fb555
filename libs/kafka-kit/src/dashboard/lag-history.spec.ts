import { describe, expect, it } from 'vitest';
import type { GroupLag, PartitionLag } from '../lag/lag-sample.js';
import { LagHistory } from './lag-history.js';

const partition = (p: number, committed: string | null, lag: number | null): PartitionLag =>
  ({ topic: 't', partition: p, committedOffset: committed, lag, timeLagSeconds: lag }) as PartitionLag;

const sample = (at: number, partitions: PartitionLag[]): GroupLag =>
  ({ groupId: 'g', sampledAt: at, partitions }) as unknown as GroupLag;

describe('LagHistory', () => {
  it('aligns every partition on one time axis, null where unknown', () => {
    const h = new LagHistory(60_000);
    h.record(sample(1000, [partition(0, '5', 3)]));
    h.record(sample(2000, [partition(0, '6', 4), partition(1, null, null)]));
    expect(h.series('g', 'lag')).toEqual({
      labels: ['t:0', 't:1'],
      data: [
        [1, 2],
        [3, 4],
        [null, null],
      ],
    });
  });

  it('forgets samples older than the window and ignores a repeated sample', () => {
    const h = new LagHistory(10_000);
    h.record(sample(1000, [partition(0, '1', 1)]));
    h.record(sample(5000, [partition(0, '2', 2)]));
    h.record(sample(5000, [partition(0, '2', 2)]));
    h.record(sample(12_000, [partition(0, '3', 3)]));
    expect(h.series('g', 'timeLag').data[0]).toEqual([5, 12]);
  });

  it('computes records/s from the commits of the last two samples', () => {
    const h = new LagHistory(60_000);
    expect(h.recordsPerSecond('g')).toBeNull();
    h.record(sample(0, [partition(0, '10', 0), partition(1, null, null)]));
    h.record(sample(2000, [partition(0, '30', 0), partition(1, '4', 0)]));
    expect(h.recordsPerSecond('g')).toBe(10);
    expect(h.series('unknown', 'lag')).toEqual({ labels: [], data: [[]] });
  });
});
