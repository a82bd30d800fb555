import { KafkaKitError } from '../errors/kafka-kit.error.js';
import type { ErrorClassification } from '../interfaces/error-handling-options.interface.js';

/**
 * Builds, once per listener, the function that says whether an error is retryable. Order:
 * the predicate, `nonRetryable`, `retryable`, the library's `KafkaKitError.retryable` (which
 * makes deserialization and validation errors non-retryable), and finally retryable: an
 * unknown error is assumed transient, since the terminal strategy still catches it.
 */
export function createErrorClassifier(rules: ErrorClassification = {}): (error: unknown) => boolean {
  const { nonRetryable = [], retryable = [], isRetryable } = rules;
  return (error) => {
    const decided = isRetryable?.(error);
    if (decided !== undefined) return decided;
    if (nonRetryable.some((type) => error instanceof type)) return false;
    if (retryable.some((type) => error instanceof type)) return true;
    if (error instanceof KafkaKitError) return error.retryable;
    return true;
  };
}
