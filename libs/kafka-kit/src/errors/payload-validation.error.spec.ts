import { describe, expect, it } from 'vitest';
import { KafkaKitError } from './kafka-kit.error.js';
import { PayloadValidationError } from './payload-validation.error.js';

const coordinates = { topic: 'rt.enrolled', partition: 0, offset: '9007199254740993' };

describe('PayloadValidationError', () => {
  const violations = [
    { path: 'user.address.zip', constraint: 'isString', message: 'zip must be a string' },
    { path: 'items[2].id', constraint: 'min', message: 'id must not be less than 1' },
  ];

  it('is a non-retryable KafkaKitError with its context in fields', () => {
    const error = new PayloadValidationError(coordinates, violations);

    expect(error).toBeInstanceOf(KafkaKitError);
    expect(error.name).toBe('PayloadValidationError');
    expect(error.retryable).toBe(false);
    expect(error.coordinates).toBe(coordinates);
    expect(error.violations).toEqual(violations);
  });

  it('lists the record, every path and every constraint', () => {
    const { message } = new PayloadValidationError(coordinates, violations);

    expect(message).toContain('rt.enrolled[0]@9007199254740993');
    expect(message).toContain('2 violations');
    expect(message).toContain('user.address.zip [isString] zip must be a string');
    expect(message).toContain('items[2].id [min] id must not be less than 1');
  });

  it('names a violation of the whole payload', () => {
    const { message } = new PayloadValidationError(coordinates, [
      { path: '', constraint: 'isObject', message: 'must be an object' },
    ]);

    expect(message).toContain('(1 violation): (payload) [isObject] must be an object');
  });
});
