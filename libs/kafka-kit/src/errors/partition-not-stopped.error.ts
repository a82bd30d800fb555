import { KafkaKitError } from './kafka-kit.error.js';

/** An operator action named a partition that is not stopped (or not at the offset named). */
export class PartitionNotStoppedError extends KafkaKitError {
  /** Always `false`: the request named the wrong partition or offset. */
  readonly retryable = false;

  constructor(
    /** The consumer group named in the request. */
    readonly groupId: string,
    /** The topic named in the request. */
    readonly topic: string,
    /** The partition named in the request. */
    readonly partition: number,
    message: string,
  ) {
    super(message);
  }
}
