import type { ConsumedRecord } from '../client/consumer-client.js';
import type { RecordSource } from '../errors/record-coordinates.js';
import type { KafkaListenerOptions } from '../interfaces/consumer-options.interface.js';
import { deserializeJson, deserializeString } from '../validation/deserialize.js';
import type { PayloadValidator } from '../validation/payload-validator.js';

/** Builds, once per listener, the function that turns a record's value into its payload. */
export function createDecoder(
  format: NonNullable<KafkaListenerOptions['format']>,
  validate: PayloadValidator | undefined,
): (record: ConsumedRecord, source: RecordSource) => unknown {
  const deserialize =
    format === 'json'
      ? deserializeJson
      : format === 'string'
        ? deserializeString
        : (value: Buffer | null) => value;
  if (!validate) return (record, source) => deserialize(record.value, source, record.offset);
  return (record, source) =>
    validate(deserialize(record.value, source, record.offset), source, record.offset);
}
