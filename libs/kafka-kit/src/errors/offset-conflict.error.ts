import { KafkaKitError } from './kafka-kit.error.js';
import { offsetConflict } from './errors.messages.js';

/**
 * The offset store is already past the records a transaction applied: another consumer (the
 * partition's new owner after a rebalance) applied them first. The transaction is rolled back
 * and the partition starts again from the stored offset; never routed to an error strategy.
 */
export class OffsetConflictError extends KafkaKitError {
  readonly retryable = false;

  constructor(
    readonly groupId: string,
    readonly topic: string,
    readonly partition: number,
    readonly offset: string,
  ) {
    super(offsetConflict(groupId, topic, partition, offset));
  }
}
