import { KafkaKitError } from './kafka-kit.error.js';
import { failureWriteInProgress } from './errors.messages.js';

/**
 * An operator tried to retry or skip a partition that is held by a failing DLQ or retry-topic
 * write, not stopped on an error: it goes on by itself once the write succeeds, and moving it
 * would commit past a record that was never recorded anywhere.
 */
export class FailureWriteInProgressError extends KafkaKitError {
  readonly retryable = false;

  constructor(
    readonly groupId: string,
    readonly topic: string,
    readonly partition: number,
    readonly writeError: string,
  ) {
    super(failureWriteInProgress(groupId, topic, partition, writeError));
  }
}
