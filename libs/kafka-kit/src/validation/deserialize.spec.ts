import { describe, expect, it } from 'vitest';
import { DeserializationError } from '../errors/deserialization.error.js';
import { KafkaKitError } from '../errors/kafka-kit.error.js';
import { deserializeJson, deserializeString, type Deserializer } from './deserialize.js';

const coordinates = { topic: 'click_log', partition: 1, offset: '7' };
// What the loops pass: the batch (topic, partition) and the record's offset.
const at = [coordinates, coordinates.offset] as const;

function failure(run: () => unknown): DeserializationError {
  try {
    run();
  } catch (error) {
    if (error instanceof DeserializationError) return error;
    throw error;
  }
  throw new Error('expected a DeserializationError');
}

describe('deserializeJson', () => {
  it('parses UTF-8 JSON, multi-byte characters included', () => {
    const value = Buffer.from(JSON.stringify({ page: '/café', n: 1 }), 'utf8');

    expect(deserializeJson(value, ...at)).toEqual({ page: '/café', n: 1 });
  });

  it('skips a UTF-8 byte order mark', () => {
    const value = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[1]')]);

    expect(deserializeJson(value, ...at)).toEqual([1]);
  });

  it('gives null for a tombstone', () => {
    expect(deserializeJson(null, ...at)).toBeNull();
  });

  it.each([
    ['an empty value', Buffer.alloc(0), 'empty-value'],
    ['invalid UTF-8', Buffer.from([0xff, 0xfe]), 'invalid-utf8'],
    ['a truncated multi-byte character', Buffer.from([0x22, 0xc3, 0x22]), 'invalid-utf8'],
    ['text that is not JSON', Buffer.from('hello'), 'not-json'],
    ['truncated JSON', Buffer.from('{"page":'), 'not-json'],
  ] as const)('rejects %s with reason %s', (_label, value, reason) => {
    const error = failure(() => deserializeJson(value, ...at));

    expect(error).toBeInstanceOf(KafkaKitError);
    expect(error.retryable).toBe(false);
    expect(error.reason).toBe(reason);
    expect(error.coordinates).toEqual(coordinates);
    expect(error.message).toContain('click_log[1]@7');
  });

  it('keeps the parser error as the cause, out of the message', () => {
    const error = failure(() => deserializeJson(Buffer.from('secret-token'), ...at));

    expect(error.cause).toBeInstanceOf(SyntaxError);
    expect(error.message).not.toContain('secret-token');
  });
});

describe('deserializeString', () => {
  it('decodes UTF-8, keeps an empty value and gives null for a tombstone', () => {
    expect(deserializeString(Buffer.from('zürich'), ...at)).toBe('zürich');
    expect(deserializeString(Buffer.alloc(0), ...at)).toBe('');
    expect(deserializeString(null, ...at)).toBeNull();
  });

  it('rejects invalid UTF-8', () => {
    expect(failure(() => deserializeString(Buffer.from([0xff, 0xfe]), ...at)).reason).toBe('invalid-utf8');
  });

  it('decodes correctly after a failure (the shared decoder keeps no state)', () => {
    failure(() => deserializeString(Buffer.from([0xe2, 0x82]), ...at));

    expect(deserializeString(Buffer.from('€'), ...at)).toBe('€');
  });
});

describe('Deserializer', () => {
  it('is the shape of both built-ins', () => {
    const deserializers: Deserializer[] = [deserializeJson, deserializeString];

    expect(deserializers.map((deserialize) => deserialize(Buffer.from('"x"'), ...at))).toEqual(['x', '"x"']);
  });
});
