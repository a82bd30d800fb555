import type { RecordHeaders } from '../client/consumer-client.js';

export type DecodedHeaders = Record<string, string | string[] | undefined>;

/** Kafka header values are bytes; handlers almost always want text. */
export function decodeHeaders(headers: RecordHeaders | undefined): DecodedHeaders {
  const out: DecodedHeaders = {};
  if (!headers) return out;
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    out[name] = Array.isArray(value) ? value.map((v) => v.toString()) : value?.toString();
  }
  return out;
}
