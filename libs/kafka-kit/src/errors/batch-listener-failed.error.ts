import { KafkaKitError } from './kafka-kit.error.js';

/**
 * Thrown by a batch listener to say which record failed: the records before `index` count as
 * processed (committed), the one at `index` goes to the error strategy, the rest are retried.
 */
export class BatchListenerFailedError extends KafkaKitError {
  /** The cause's own classification when it is a KafkaKitError, else `true` (unknown errors are retried). */
  readonly retryable: boolean;

  constructor(
    /** Position in the batch (0-based) of the record that failed. */
    readonly index: number,
    cause: unknown,
  ) {
    super(
      `batch listener failed at record ${index}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.retryable = cause instanceof KafkaKitError ? cause.retryable : true;
  }
}
