import type { RecordHeaders } from '../client/consumer-client.js';
import { headerValues, setHeader } from '../client/record-headers.js';

export type DecodedHeaders = Record<string, string | string[] | undefined>;

/** Kafka header values are bytes; handlers almost always want text. */
export function decodeHeaders(headers: RecordHeaders | undefined): DecodedHeaders {
  const out: DecodedHeaders = {};
  if (!headers) return out;
  for (const name of Object.keys(headers)) {
    const values = headerValues(headers, name);
    setHeader(out, name, values.length > 1 ? values.map((v) => v.toString()) : values[0]?.toString());
  }
  return out;
}
