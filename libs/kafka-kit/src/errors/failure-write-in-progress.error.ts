import { KafkaKitError } from './kafka-kit.error.js';
import { failureWriteInProgress } from './errors.messages.js';

/**
 * An operator tried to retry or skip a partition that is held by a failing DLQ or retry-topic
 * write, not stopped on an error: it goes on by itself once the write succeeds, and moving it
 * would commit past a record that was never recorded anywhere.
 */
export class FailureWriteInProgressError extends KafkaKitError {
  /** Always `false`: wait for the write (or fix the DLQ or retry topic) instead. */
  readonly retryable = false;

  constructor(
    /** The consumer group of the partition. */
    readonly groupId: string,
    /** The partition's topic. */
    readonly topic: string,
    /** The partition held by the write. */
    readonly partition: number,
    /** Why the DLQ or retry-topic write keeps failing, as the partition's stopped entry says. */
    readonly writeError: string,
  ) {
    super(failureWriteInProgress(groupId, topic, partition, writeError));
  }
}
