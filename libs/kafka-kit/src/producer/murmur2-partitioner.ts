import { murmur2Partition } from '../client/murmur2.js';
import { keylessRoundRobin } from './keyless-round-robin.js';
import type { Partitioner } from '../interfaces/partitioner.interface.js';

/**
 * The default partitioner: a keyed record goes where Java's producer would put it (murmur2 of the
 * key over all partitions), so Java and Node producers agree on every key's partition.
 *
 * Keyless records go round robin per topic rather than Java's sticky partitioning (KIP-480/794).
 * Sticky partitioning switches partition when a batch closes, and a partitioner called one record
 * at a time cannot see batch boundaries: our batcher sends many topics and partitions in one
 * request, so "sticky" would degrade to "always the same partition" and load one broker.
 * Round robin spreads evenly and needs no signal from the sender.
 */
export function murmur2Partitioner(): Partitioner {
  const keyless = keylessRoundRobin();
  // A truthiness test, not `=== null`: plain-JS callers may pass `undefined`, and an empty
  // Buffer is still a key (Java hashes the empty key too).
  return (input) => (input.key ? murmur2Partition(input.key, input.partitionCount) : keyless(input));
}
