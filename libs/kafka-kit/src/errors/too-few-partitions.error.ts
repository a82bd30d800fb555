import { KafkaKitError } from './kafka-kit.error.js';
import { tooFewPartitionsMessage } from './errors.messages.js';

/**
 * A topic has too few partitions for the partitioner's layout. Not retryable: only an operator
 * adding partitions (or changing the configuration) fixes it.
 */
export class TooFewPartitionsError extends KafkaKitError {
  readonly retryable = false;

  constructor(
    readonly topic: string,
    readonly partitionCount: number,
    readonly reservedPartitions: number,
  ) {
    super(tooFewPartitionsMessage(topic, partitionCount, reservedPartitions));
  }
}
