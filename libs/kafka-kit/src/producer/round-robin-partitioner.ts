import { murmur2Partition } from '../client/murmur2.js';
import { keylessRoundRobin } from './keyless-round-robin.js';
import type { Partitioner } from '../interfaces/partitioner.interface.js';

/** Options of {@link roundRobinPartitioner}. */
export interface RoundRobinPartitionerOptions {
  /**
   * Whether keyed records still hash with murmur2 (keeping each key on its partition, so per-key
   * order and Java agreement hold). `false` spreads keyed records round robin too, like Java's
   * `RoundRobinPartitioner`: even load, but a key's records land on different partitions and lose
   * their relative order.
   * @default true
   */
  hashKeys?: boolean;
}

/**
 * Spreads keyless records round robin per topic. Keyed records hash with murmur2 unless
 * `hashKeys` is false: dropping per-key order is a choice a caller must make explicitly.
 */
export function roundRobinPartitioner(options: RoundRobinPartitionerOptions = {}): Partitioner {
  const keyless = keylessRoundRobin();
  if (options.hashKeys === false) return keyless;
  return (input) => (input.key ? murmur2Partition(input.key, input.partitionCount) : keyless(input));
}
