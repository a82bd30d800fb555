import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { PayloadViolation } from '../errors/payload-violation.js';
import { PayloadValidationError } from '../errors/payload-validation.error.js';
import { coordinatesOf, type RecordSource } from '../errors/record-coordinates.js';
import { UnsupportedSchemaError } from '../errors/unsupported-schema.error.js';
import { formatViolationPath } from './violation-path.js';

function toViolation(issue: StandardSchemaV1.Issue): PayloadViolation {
  const segments = (issue.path ?? []).map((segment) => (typeof segment === 'object' ? segment.key : segment));
  // The spec has no rule name; zod issues carry `code`, valibot issues `type`.
  const { code, type } = issue as { code?: unknown; type?: unknown };
  const constraint = typeof code === 'string' ? code : typeof type === 'string' ? type : 'invalid';
  return { path: formatViolationPath(segments), constraint, message: issue.message };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Runs a Standard Schema (zod, valibot, ...) on each payload; returns the schema's output. */
export function createStandardSchemaPayloadValidator<S extends StandardSchemaV1>(
  schema: S,
): (payload: unknown, source: RecordSource, offset: string) => StandardSchemaV1.InferOutput<S> {
  const standard = schema['~standard'];
  // valibot marks async schemas, so those fail at startup; zod only reveals an async refinement
  // when a record reaches it, so the check below stays on the per-record path.
  if ((schema as { async?: unknown }).async === true) {
    throw new UnsupportedSchemaError('async-validation', standard.vendor);
  }

  return (payload, source, offset) => {
    const result = standard.validate(payload);
    if (isThenable(result)) {
      // Nobody will await it; swallow its outcome so it cannot become an unhandled rejection.
      result.then(undefined, () => undefined);
      throw new UnsupportedSchemaError('async-validation', standard.vendor);
    }
    if (!result.issues) return result.value as StandardSchemaV1.InferOutput<S>;
    throw new PayloadValidationError(coordinatesOf(source, offset), result.issues.map(toViolation));
  };
}
