import { DeserializationError } from '../errors/deserialization.error.js';
import { HandlerTimeoutError } from '../errors/handler-timeout.error.js';
import { PayloadValidationError } from '../errors/payload-validation.error.js';
import { RoutedByHandlerError } from '../errors/routed-by-handler.error.js';

/** Why a record was dead-lettered (the `x-dlq-reason` header). */
export type FailureReason =
  | 'deserialization'
  | 'validation'
  | 'non-retryable'
  | 'retries-exhausted'
  | 'handler-routed'
  | 'handler-timeout'
  | 'failed';

/** `exhausted`: the record was retried and every attempt failed. */
export function failureReason(error: unknown, retryable: boolean, exhausted: boolean): FailureReason {
  if (error instanceof DeserializationError) return 'deserialization';
  if (error instanceof PayloadValidationError) return 'validation';
  if (error instanceof RoutedByHandlerError && error.routing.kind === 'dead-letter') return 'handler-routed';
  if (error instanceof HandlerTimeoutError && !exhausted) return 'handler-timeout';
  if (!retryable) return 'non-retryable';
  return exhausted ? 'retries-exhausted' : 'failed';
}
