import { murmur2Partition } from '../client/murmur2.js';
import { murmur2Partitioner } from './murmur2-partitioner.js';
import type { Partitioner } from '../interfaces/partitioner.interface.js';
import { fallbackOutOfRangeMessage, invalidReservedPartitionsMessage } from './producer.messages.js';
import { TooFewPartitionsError } from '../errors/too-few-partitions.error.js';

/** Options of {@link priorityPartitioner}. */
export interface PriorityPartitionerOptions {
  /** Whether a keyed record is a priority (VIP) record. Keyless records never are. */
  isPriority: (key: Buffer) => boolean;
  /**
   * How many partitions, at the end of the topic, only priority records use.
   * @default 1
   */
  reservedPartitions?: number;
  /**
   * Places every other record. It is called with `partitionCount` reduced to the non-reserved
   * partitions (and `availablePartitions` filtered to them), so it never sees the reserved ones.
   * @default murmur2Partitioner()
   */
  fallback?: Partitioner;
}

/**
 * Gives priority keys partitions of their own, so a consumer of those partitions is never stuck
 * behind a backlog of ordinary records. Priority keys hash with murmur2 over the last
 * `reservedPartitions` partitions; everything else goes to `fallback` over the rest. Both are
 * stable per key, so per-key order holds as long as the partition count does not change.
 *
 * @throws TooFewPartitionsError when a topic has no partition left for ordinary records.
 */
export function priorityPartitioner(options: PriorityPartitionerOptions): Partitioner {
  const { isPriority, reservedPartitions: reserved = 1, fallback = murmur2Partitioner() } = options;
  if (!Number.isInteger(reserved) || reserved < 1) {
    throw new RangeError(invalidReservedPartitionsMessage(reserved));
  }
  return (input) => {
    const { topic, key, partitionCount, availablePartitions } = input;
    const regular = partitionCount - reserved;
    if (regular < 1) throw new TooFewPartitionsError(topic, partitionCount, reserved);
    if (key && isPriority(key)) return regular + murmur2Partition(key, reserved);
    const partition = fallback({
      topic,
      key,
      partitionCount: regular,
      availablePartitions: availablePartitions?.filter((p) => p < regular),
    });
    // A fallback that ignores the reduced count would silently mix ordinary records into the
    // reserved partitions, defeating the point; fail loudly instead.
    if (!(Number.isInteger(partition) && partition >= 0 && partition < regular)) {
      throw new RangeError(fallbackOutOfRangeMessage(topic, partition, regular));
    }
    return partition;
  };
}
