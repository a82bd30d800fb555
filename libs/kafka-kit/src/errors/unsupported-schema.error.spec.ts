import { describe, expect, it } from 'vitest';
import { KafkaKitError } from './kafka-kit.error.js';
import { UnsupportedSchemaError } from './unsupported-schema.error.js';

describe('UnsupportedSchemaError', () => {
  it('is a non-retryable KafkaKitError', () => {
    const error = new UnsupportedSchemaError('not-a-schema', 'a value of type string');

    expect(error).toBeInstanceOf(KafkaKitError);
    expect(error.name).toBe('UnsupportedSchemaError');
    expect(error.retryable).toBe(false);
    expect(error.reason).toBe('not-a-schema');
    expect(error.message).toContain('received a value of type string');
  });

  it('names the vendor of an async schema', () => {
    const error = new UnsupportedSchemaError('async-validation', 'zod');

    expect(error.subject).toBe('zod');
    expect(error.message).toContain('zod payload schema validates asynchronously');
  });
});
