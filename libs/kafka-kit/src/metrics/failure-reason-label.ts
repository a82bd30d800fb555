import { DeserializationError } from '../errors/deserialization.error.js';
import { HandlerTimeoutError } from '../errors/handler-timeout.error.js';
import { KafkaKitError } from '../errors/kafka-kit.error.js';
import { PayloadValidationError } from '../errors/payload-validation.error.js';

/** The `reason` label of a failure: a handful of values, never an error message (cardinality). */
export type FailureReasonLabel = 'deserialization' | 'validation' | 'non-retryable' | 'timeout' | 'error';

export function failureReasonLabel(error: unknown): FailureReasonLabel {
  if (error instanceof DeserializationError) return 'deserialization';
  if (error instanceof PayloadValidationError) return 'validation';
  if (error instanceof HandlerTimeoutError) return 'timeout';
  if (error instanceof KafkaKitError && !error.retryable) return 'non-retryable';
  return 'error';
}
