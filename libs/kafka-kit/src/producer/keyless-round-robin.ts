import type { Partitioner } from '../interfaces/partitioner.interface.js';

/**
 * Spreads keyless records over a topic's partitions in turn, one counter per topic, preferring
 * the available partitions when the caller knows them. This is Java's pre-2.4 `DefaultPartitioner`
 * for keyless records.
 */
export function keylessRoundRobin(): Partitioner {
  const next = new Map<string, number>();
  return ({ topic, partitionCount, availablePartitions }) => {
    // A random start, as in Java, so a fleet of producers restarting together does not send its
    // first records all to partition 0.
    const n = next.get(topic) ?? Math.floor(Math.random() * partitionCount);
    // Masked to 31 bits so the counter stays a small integer and never goes negative.
    next.set(topic, (n + 1) & 0x7fffffff);
    if (availablePartitions !== undefined && availablePartitions.length > 0) {
      return availablePartitions[n % availablePartitions.length]!;
    }
    return n % partitionCount;
  };
}
