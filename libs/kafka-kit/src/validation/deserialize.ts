import { DeserializationError } from '../errors/deserialization.error.js';
import { coordinatesOf, type RecordSource } from '../errors/record-coordinates.js';

/**
 * Turns a record's raw value into the payload handed to validation and the handler. Throws
 * `DeserializationError` when the bytes cannot be read; never retried.
 */
export type Deserializer = (value: Buffer | null, source: RecordSource, offset: string) => unknown;

// `fatal` makes malformed bytes throw instead of silently becoming U+FFFD, so a corrupt record
// reaches the DLQ byte-for-byte rather than a handler. decode() without `stream` keeps no state
// between calls, so one decoder serves every record.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(value: Buffer, source: RecordSource, offset: string): string {
  try {
    return strictUtf8.decode(value);
  } catch (cause) {
    throw new DeserializationError(coordinatesOf(source, offset), 'invalid-utf8', { cause });
  }
}

/**
 * Strict UTF-8 text. A tombstone (null value) gives `null`; an empty value gives `''`.
 * @throws DeserializationError `invalid-utf8`
 */
export function deserializeString(value: Buffer | null, source: RecordSource, offset: string): string | null {
  return value === null ? null : decodeUtf8(value, source, offset);
}

/**
 * Strict UTF-8, then JSON. A tombstone (null value, a deletion on a compacted topic) gives `null`
 * rather than an error, because it is a legitimate record; a handler that must tell it apart from
 * the JSON text `null` reads the raw value from the message context. An empty value is not a
 * tombstone and is rejected.
 * @throws DeserializationError `empty-value`, `invalid-utf8` or `not-json`
 */
export function deserializeJson(value: Buffer | null, source: RecordSource, offset: string): unknown {
  if (value === null) return null;
  if (value.length === 0) throw new DeserializationError(coordinatesOf(source, offset), 'empty-value');
  const text = decodeUtf8(value, source, offset);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new DeserializationError(coordinatesOf(source, offset), 'not-json', { cause });
  }
}
