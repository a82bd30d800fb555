import type { DeserializationFailureReason } from './deserialization-failure-reason.js';
import { deserializationFailed } from './errors.messages.js';
import { KafkaKitError } from './kafka-kit.error.js';
import type { RecordCoordinates } from './record-coordinates.js';

/**
 * A record's bytes could not be turned into a payload. Never retryable: the same bytes fail the
 * same way, so the record goes straight to the listener's terminal strategy (DLQ, stop, skip).
 */
export class DeserializationError extends KafkaKitError {
  readonly retryable = false;

  /** @param options `cause` carries the decoder's or parser's own error. */
  constructor(
    readonly coordinates: RecordCoordinates,
    readonly reason: DeserializationFailureReason,
    options?: ErrorOptions,
  ) {
    super(deserializationFailed(coordinates, reason), options);
  }
}
