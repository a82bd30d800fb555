import { describe, expect, it } from 'vitest';
import { murmur2Partition } from '../client/murmur2.js';
import { roundRobinPartitioner } from './round-robin-partitioner.js';

const countPicks = (picks: number[], partitionCount: number) => {
  const counts = new Array<number>(partitionCount).fill(0);
  for (const p of picks) counts[p]!++;
  return counts;
};

describe('roundRobinPartitioner', () => {
  it('spreads keyless records evenly over the partitions', () => {
    const partition = roundRobinPartitioner();
    const picks = Array.from({ length: 6 * 50 }, () =>
      partition({ topic: 'click_log', key: null, partitionCount: 6 }),
    );
    expect(countPicks(picks, 6)).toEqual([50, 50, 50, 50, 50, 50]);
  });

  it('keeps each topic even on its own when topics interleave', () => {
    const partition = roundRobinPartitioner();
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 30; i++) {
      a.push(partition({ topic: 'a', key: null, partitionCount: 3 }));
      b.push(partition({ topic: 'b', key: null, partitionCount: 5 }));
    }
    expect(countPicks(a, 3)).toEqual([10, 10, 10]);
    expect(countPicks(b, 5)).toEqual([6, 6, 6, 6, 6]);
  });

  it('still hashes keyed records with murmur2 by default, so keys keep their partitions', () => {
    const partition = roundRobinPartitioner();
    for (let i = 0; i < 100; i++) {
      const key = Buffer.from(`k${i}`);
      expect(partition({ topic: 't', key, partitionCount: 9 })).toBe(murmur2Partition(key, 9));
      expect(partition({ topic: 't', key, partitionCount: 9 })).toBe(murmur2Partition(key, 9));
    }
  });

  it('spreads keyed records round robin too when hashKeys is false', () => {
    const partition = roundRobinPartitioner({ hashKeys: false });
    const key = Buffer.from('same-key');
    const picks = Array.from({ length: 40 }, () => partition({ topic: 't', key, partitionCount: 4 }));
    expect(countPicks(picks, 4)).toEqual([10, 10, 10, 10]);
  });
});
