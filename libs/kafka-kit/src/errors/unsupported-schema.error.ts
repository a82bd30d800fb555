import { asyncPayloadSchema, notAPayloadSchema } from './errors.messages.js';
import { KafkaKitError } from './kafka-kit.error.js';
import type { UnsupportedSchemaReason } from './unsupported-schema-reason.js';

/**
 * A listener's payload schema cannot be used. Thrown at startup when detectable; an async
 * Standard Schema that only shows itself on a record is rejected on that record instead. Not
 * retryable: it is a code fix, not a transient fault.
 */
export class UnsupportedSchemaError extends KafkaKitError {
  /** Always `false`: a code fix, not a transient fault. */
  readonly retryable = false;

  /** @param subject what was received (`not-a-schema`) or the schema's vendor (`async-validation`). */
  constructor(
    /**
     * `not-a-schema` (neither a class nor a Standard Schema) or `async-validation` (a schema that
     * validates asynchronously).
     */
    readonly reason: UnsupportedSchemaReason,
    readonly subject: string,
  ) {
    super(reason === 'async-validation' ? asyncPayloadSchema(subject) : notAPayloadSchema(subject));
  }
}
