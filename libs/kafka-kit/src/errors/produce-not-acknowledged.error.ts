import { KafkaKitError } from './kafka-kit.error.js';
import { produceNotAcknowledged } from './errors.messages.js';

/** A send ended with partitions the broker never acknowledged (their records may be lost). */
export class ProduceNotAcknowledgedError extends KafkaKitError {
  /** Always `true`: a later send may reach the new leaders. */
  readonly retryable = true;

  constructor(
    /** `topic/partition` of each partition without an acknowledgement. */
    readonly partitions: string[],
    /** How many times those partitions' records were sent (5 before the send fails). */
    readonly attempts: number,
  ) {
    super(produceNotAcknowledged(partitions, attempts));
  }
}
