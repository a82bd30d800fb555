import type { ConsumedRecord } from '../client/consumer-client.js';
import type { RecordCoordinates } from '../errors/record-coordinates.js';
import type { KafkaListenerOptions } from '../interfaces/consumer-options.interface.js';
import { deserializeJson, deserializeString } from '../validation/deserialize.js';
import type { PayloadValidator } from '../validation/payload-validator.js';

/** Builds, once per listener, the function that turns a record's value into its payload. */
export function createDecoder(
  format: NonNullable<KafkaListenerOptions['format']>,
  validate: PayloadValidator | undefined,
): (record: ConsumedRecord, coordinates: RecordCoordinates) => unknown {
  const deserialize =
    format === 'json'
      ? deserializeJson
      : format === 'string'
        ? deserializeString
        : (value: Buffer | null) => value;
  if (!validate) return (record, coordinates) => deserialize(record.value, coordinates);
  return (record, coordinates) => validate(deserialize(record.value, coordinates), coordinates);
}
