import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { RecordSource } from '../errors/record-coordinates.js';
import { UnsupportedSchemaError } from '../errors/unsupported-schema.error.js';
import { createClassPayloadValidator } from './class-payload-validator.js';
import {
  describeUnsupportedSchema,
  isPayloadClass,
  isStandardSchema,
  type PayloadClass,
  type PayloadSchema,
} from './payload-schema.js';
import { createStandardSchemaPayloadValidator } from './standard-schema-payload-validator.js';

export type { PayloadClass, PayloadSchema } from './payload-schema.js';

/**
 * Checks one deserialized payload and returns what the handler receives: a DTO instance, or a
 * Standard Schema's output. Throws `PayloadValidationError` listing every violation.
 */
export type PayloadValidator<T = unknown> = (payload: unknown, source: RecordSource, offset: string) => T;

/** How a DTO class treats properties it does not declare. A Standard Schema decides for itself. */
export interface PayloadValidatorOptions {
  /**
   * Strip properties that carry no class-validator decorator, so a handler only ever sees
   * validated fields.
   * @default true
   */
  readonly whitelist?: boolean;
  /**
   * Reject undeclared properties instead of stripping them (needs `whitelist`). Off by default:
   * producers add fields before consumers learn of them, and rejecting would dead-letter every
   * record of a newer producer.
   * @default false
   */
  readonly forbidNonWhitelisted?: boolean;
}

/**
 * Builds a listener's validator once, at startup; the returned function runs per record.
 * Accepts a class-validator DTO class or a synchronous Standard Schema v1 (zod 4, valibot 1).
 * @throws UnsupportedSchemaError when `schema` is neither, or is a known-async schema.
 */
export function createPayloadValidator<T extends object>(
  schema: PayloadClass<T>,
  options?: PayloadValidatorOptions,
): PayloadValidator<T>;
export function createPayloadValidator<S extends StandardSchemaV1>(
  schema: S,
): PayloadValidator<StandardSchemaV1.InferOutput<S>>;
export function createPayloadValidator(
  schema: PayloadSchema,
  options?: PayloadValidatorOptions,
): PayloadValidator;
export function createPayloadValidator(
  schema: unknown,
  { whitelist = true, forbidNonWhitelisted = false }: PayloadValidatorOptions = {},
): PayloadValidator {
  if (isStandardSchema(schema)) return createStandardSchemaPayloadValidator(schema);
  if (isPayloadClass(schema)) return createClassPayloadValidator(schema, { whitelist, forbidNonWhitelisted });
  throw new UnsupportedSchemaError('not-a-schema', describeUnsupportedSchema(schema));
}
