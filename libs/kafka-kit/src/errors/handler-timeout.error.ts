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
  /** Always `true`: a dependency that did not answer may answer next time. */
  readonly retryable = true;
  /** Topic of the record (or batch) the handler was given. */
  readonly topic: string;
  /** Partition of that record. */
  readonly partition: number;
  /** Offset of the record (a batch's first record), as a decimal string. */
  readonly offset: string;

  constructor(
    /** `Class.method` of the listener that timed out. */
    readonly listener: string,
    coordinates: RecordCoordinates,
    /** The `handlerTimeoutMs` that was exceeded. */
    readonly timeoutMs: number,
  ) {
    super(handlerTimedOut(listener, coordinates, timeoutMs));
    ({ topic: this.topic, partition: this.partition, offset: this.offset } = coordinates);
  }
}
