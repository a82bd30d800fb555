import type { StandardSchemaV1 } from '@standard-schema/spec';

/** A class-validator DTO class; the validated payload is an instance of it. */
export type PayloadClass<T extends object = object> = new (...args: never[]) => T;

/** What a listener may declare as its payload schema. */
export type PayloadSchema = PayloadClass | StandardSchemaV1;

// Checked before the class test: some Standard Schema vendors (ArkType) make schemas callable.
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  const props: unknown = (value as { '~standard'?: unknown })['~standard'];
  return (
    typeof props === 'object' &&
    props !== null &&
    (props as { version?: unknown }).version === 1 &&
    typeof (props as { validate?: unknown }).validate === 'function'
  );
}

// Arrow functions and bound functions have no prototype object, so they cannot be DTO classes.
export function isPayloadClass(value: unknown): value is PayloadClass {
  return typeof value === 'function' && typeof value.prototype === 'object' && value.prototype !== null;
}

/** A short description of an unusable schema for the startup error. */
export function describeUnsupportedSchema(value: unknown): string {
  if (value === null) return 'null';
  const standard: unknown = (value as { '~standard'?: unknown } | undefined)?.['~standard'];
  if (typeof standard === 'object' && standard !== null) {
    return `a Standard Schema with version ${String((standard as { version?: unknown }).version)}`;
  }
  return typeof value === 'function' ? 'a function that is not a class' : `a value of type ${typeof value}`;
}
