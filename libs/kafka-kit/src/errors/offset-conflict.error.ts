import { KafkaKitError } from './kafka-kit.error.js';
import { offsetConflict } from './errors.messages.js';

/**
 * The offset store is already past the records a transaction applied: another consumer (the
 * partition's new owner after a rebalance) applied them first. The transaction is rolled back
 * and the partition starts again from the stored offset; never routed to an error strategy.
 */
export class OffsetConflictError extends KafkaKitError {
  /** Always `false`: the records were applied already, by the other consumer. */
  readonly retryable = false;

  constructor(
    /** The consumer group whose stored offset moved on. */
    readonly groupId: string,
    /** The partition's topic. */
    readonly topic: string,
    /** The partition. */
    readonly partition: number,
    /** The first offset the rolled-back transaction covered. */
    readonly offset: string,
  ) {
    super(offsetConflict(groupId, topic, partition, offset));
  }
}
