import type { DeserializationFailureReason } from './deserialization-failure-reason.js';
import { deserializationFailed } from './errors.messages.js';
import { KafkaKitError } from './kafka-kit.error.js';
import type { RecordCoordinates } from './record-coordinates.js';

/**
 * A record's bytes could not be turned into a payload. Never retryable: the same bytes fail the
 * same way, so the record goes straight to the listener's terminal strategy (DLQ, stop, skip).
 */
export class DeserializationError extends KafkaKitError {
  /** Always `false`: the same bytes fail the same way. */
  readonly retryable = false;

  /** @param options `cause` carries the decoder's or parser's own error. */
  constructor(
    /** The record that could not be decoded. */
    readonly coordinates: RecordCoordinates,
    /** What was wrong with the bytes: `empty-value`, `invalid-utf8` or `not-json`; part of the message. */
    readonly reason: DeserializationFailureReason,
    options?: ErrorOptions,
  ) {
    super(deserializationFailed(coordinates, reason), options);
  }
}
