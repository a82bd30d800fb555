import { describe, expect, it } from 'vitest';
import { DeserializationError } from './deserialization.error.js';
import { KafkaKitError } from './kafka-kit.error.js';

const coordinates = { topic: 'click_log', partition: 3, offset: '42' };

describe('DeserializationError', () => {
  it('is a non-retryable KafkaKitError with its context in fields', () => {
    const cause = new SyntaxError('Unexpected token');
    const error = new DeserializationError(coordinates, 'not-json', { cause });

    expect(error).toBeInstanceOf(KafkaKitError);
    expect(error.name).toBe('DeserializationError');
    expect(error.retryable).toBe(false);
    expect(error.coordinates).toBe(coordinates);
    expect(error.reason).toBe('not-json');
    expect(error.cause).toBe(cause);
  });

  it.each([
    ['empty-value', 'empty'],
    ['invalid-utf8', 'not valid UTF-8'],
    ['not-json', 'not valid JSON'],
  ] as const)('names the record and why for %s', (reason, why) => {
    const { message } = new DeserializationError(coordinates, reason);

    expect(message).toContain('click_log[3]@42');
    expect(message).toContain(why);
    expect(message).toContain(reason);
  });
});
