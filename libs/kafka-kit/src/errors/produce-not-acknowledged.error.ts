import { KafkaKitError } from './kafka-kit.error.js';
import { produceNotAcknowledged } from './errors.messages.js';

/** A send ended with partitions the broker never acknowledged (their records may be lost). */
export class ProduceNotAcknowledgedError extends KafkaKitError {
  readonly retryable = true;

  constructor(
    /** `topic/partition` of each partition without an acknowledgement. */
    readonly partitions: string[],
    readonly attempts: number,
  ) {
    super(produceNotAcknowledged(partitions, attempts));
  }
}
