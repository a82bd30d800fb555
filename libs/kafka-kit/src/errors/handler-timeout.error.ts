import { handlerTimedOut } from './errors.messages.js';
import { KafkaKitError } from './kafka-kit.error.js';
import type { RecordCoordinates } from './record-coordinates.js';

/**
 * A handler ran longer than its listener's `handlerTimeoutMs`: the record (for a batch listener,
 * the batch from `offset` on) goes to the error strategy. Retryable, as a dependency that did
 * not answer may answer next time. The handler's promise cannot be cancelled: it is abandoned
 * and the context's `signal` is aborted with this error.
 */
export class HandlerTimeoutError extends KafkaKitError {
  readonly retryable = true;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;

  constructor(
    readonly listener: string,
    coordinates: RecordCoordinates,
    readonly timeoutMs: number,
  ) {
    super(handlerTimedOut(listener, coordinates, timeoutMs));
    ({ topic: this.topic, partition: this.partition, offset: this.offset } = coordinates);
  }
}
