import { describe, expect, it } from 'vitest';
import { murmur2Partition } from '../client/murmur2.js';
import { murmur2Partitioner } from './murmur2-partitioner.js';
import type { PartitionerFactory } from '../interfaces/partitioner.interface.js';

describe('murmur2Partitioner', () => {
  it('is a PartitionerFactory', () => {
    const factory: PartitionerFactory = murmur2Partitioner;
    expect(typeof factory()).toBe('function');
  });

  it('puts every keyed record where murmur2Partition (the Java client) does', () => {
    const partition = murmur2Partitioner();
    for (const partitionCount of [1, 3, 7, 12, 64]) {
      for (let i = 0; i < 500; i++) {
        const key = Buffer.from(`user-${i}`);
        expect(partition({ topic: 'click_log', key, partitionCount })).toBe(
          murmur2Partition(key, partitionCount),
        );
      }
    }
  });

  it('keeps a key on its partition whatever partitions are available', () => {
    const partition = murmur2Partitioner();
    const key = Buffer.from('21');
    const expected = murmur2Partition(key, 7);
    expect(
      partition({ topic: 't', key, partitionCount: 7, availablePartitions: [expected === 0 ? 1 : 0] }),
    ).toBe(expected);
  });

  it('hashes the empty key rather than treating it as keyless, as Java does', () => {
    const partition = murmur2Partitioner();
    const key = Buffer.alloc(0);
    for (let i = 0; i < 5; i++) {
      expect(partition({ topic: 't', key, partitionCount: 10 })).toBe(murmur2Partition(key, 10));
    }
  });

  it('spreads keyless records round robin per topic', () => {
    const partition = murmur2Partitioner();
    const counts = new Array<number>(4).fill(0);
    for (let i = 0; i < 400; i++) counts[partition({ topic: 't', key: null, partitionCount: 4 })]!++;
    expect(counts).toEqual([100, 100, 100, 100]);
  });
});
