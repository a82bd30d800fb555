import { describe, expect, it } from 'vitest';
import { murmur2Partition } from '../client/murmur2.js';
import { KafkaKitError } from '../errors/kafka-kit.error.js';
import type { Partitioner } from '../interfaces/partitioner.interface.js';
import { priorityPartitioner } from './priority-partitioner.js';
import { TooFewPartitionsError } from '../errors/too-few-partitions.error.js';

const isPriority = (key: Buffer) => key.toString().startsWith('vip-');
const keys = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => Buffer.from(`${prefix}${i}`));

describe('priorityPartitioner', () => {
  it('routes priority keys to the last partition by default, and others never there', () => {
    const partition = priorityPartitioner({ isPriority });
    for (const key of keys('vip-', 50)) expect(partition({ topic: 't', key, partitionCount: 6 })).toBe(5);
    for (const key of keys('user-', 500)) {
      const p = partition({ topic: 't', key, partitionCount: 6 });
      expect(p).toBe(murmur2Partition(key, 5));
    }
  });

  it('spreads priority keys over several reserved partitions and others over the rest', () => {
    const partition = priorityPartitioner({ isPriority, reservedPartitions: 3 });
    const vip = new Set(keys('vip-', 300).map((key) => partition({ topic: 't', key, partitionCount: 10 })));
    expect(vip).toEqual(new Set([7, 8, 9]));
    const regular = new Set(
      keys('user-', 1000).map((key) => partition({ topic: 't', key, partitionCount: 10 })),
    );
    expect(regular).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));
  });

  it('keeps each priority key on one reserved partition', () => {
    const partition = priorityPartitioner({ isPriority, reservedPartitions: 2 });
    for (const key of keys('vip-', 50)) {
      expect(partition({ topic: 't', key, partitionCount: 8 })).toBe(6 + murmur2Partition(key, 2));
    }
  });

  it('sends keyless records round robin over the non-reserved partitions only', () => {
    const partition = priorityPartitioner({ isPriority, reservedPartitions: 2 });
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 400; i++) counts[partition({ topic: 't', key: null, partitionCount: 6 })]!++;
    expect(counts).toEqual([100, 100, 100, 100, 0, 0]);
  });

  it('hands the fallback the reduced count and only the available non-reserved partitions', () => {
    const seen: Parameters<Partitioner>[0][] = [];
    const fallback: Partitioner = (input) => {
      seen.push(input);
      return 0;
    };
    const partition = priorityPartitioner({ isPriority, reservedPartitions: 2, fallback });
    const key = Buffer.from('user-1');
    expect(partition({ topic: 't', key, partitionCount: 5, availablePartitions: [0, 2, 3, 4] })).toBe(0);
    expect(seen).toEqual([{ topic: 't', key, partitionCount: 3, availablePartitions: [0, 2] }]);
  });

  it('fails loudly when the fallback picks a reserved partition', () => {
    const partition = priorityPartitioner({ isPriority, fallback: ({ partitionCount }) => partitionCount });
    expect(() => partition({ topic: 'orders', key: null, partitionCount: 4 })).toThrow(RangeError);
    expect(() => partition({ topic: 'orders', key: null, partitionCount: 4 })).toThrow(
      /partition 3 of topic "orders"/,
    );
  });

  it('throws a non-retryable error naming the topic and counts when too few partitions are left', () => {
    const partition = priorityPartitioner({ isPriority, reservedPartitions: 2 });
    const attempt = () => partition({ topic: 'orders', key: Buffer.from('user-1'), partitionCount: 2 });
    expect(attempt).toThrow(TooFewPartitionsError);
    try {
      attempt();
    } catch (error) {
      expect(error).toBeInstanceOf(KafkaKitError);
      expect(error).toMatchObject({
        name: 'TooFewPartitionsError',
        retryable: false,
        topic: 'orders',
        partitionCount: 2,
        reservedPartitions: 2,
      });
      expect((error as Error).message).toMatch(/"orders" has 2 partition\(s\).*reserves 2.*at least 3/);
    }
  });

  it('throws even for priority keys when the topic has only the reserved partitions', () => {
    const partition = priorityPartitioner({ isPriority });
    expect(() => partition({ topic: 't', key: Buffer.from('vip-1'), partitionCount: 1 })).toThrow(
      TooFewPartitionsError,
    );
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects reservedPartitions %s at construction', (reservedPartitions) => {
    expect(() => priorityPartitioner({ isPriority, reservedPartitions })).toThrow(RangeError);
  });
});
