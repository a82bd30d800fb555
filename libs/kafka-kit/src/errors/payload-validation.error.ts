import { payloadValidationFailed } from './errors.messages.js';
import { KafkaKitError } from './kafka-kit.error.js';
import type { PayloadViolation } from './payload-violation.js';
import type { RecordCoordinates } from './record-coordinates.js';

/**
 * A well-formed payload broke the listener's schema. Never retryable: the record will not change,
 * so it goes straight to the listener's terminal strategy. The message lists every violation.
 */
export class PayloadValidationError extends KafkaKitError {
  /** Always `false`: the record will not change. */
  readonly retryable = false;

  constructor(
    /** The record whose payload failed. */
    readonly coordinates: RecordCoordinates,
    /** Every failed constraint, not only the first. */
    readonly violations: readonly PayloadViolation[],
    options?: ErrorOptions,
  ) {
    super(payloadValidationFailed(coordinates, violations), options);
  }
}
