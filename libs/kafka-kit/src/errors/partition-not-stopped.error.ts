import { KafkaKitError } from './kafka-kit.error.js';

/** An operator action named a partition that is not stopped (or not at the offset named). */
export class PartitionNotStoppedError extends KafkaKitError {
  readonly retryable = false;

  constructor(
    readonly groupId: string,
    readonly topic: string,
    readonly partition: number,
    message: string,
  ) {
    super(message);
  }
}
