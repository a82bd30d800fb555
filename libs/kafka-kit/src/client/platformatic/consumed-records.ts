import type { KafkaRecord, RecordsBatch } from '@platformatic/kafka';
import type { ConsumedRecord, RecordHeaders } from '../consumer-client.js';
import { setHeader } from '../record-headers.js';

/** Header pairs as the wire has them -> the library's headers: a repeated name keeps every value in order. */
export function toRecordHeaders(pairs: [Buffer | null, Buffer | null][]): RecordHeaders {
  const headers: RecordHeaders = {};
  for (const [rawName, rawValue] of pairs) {
    if (rawName === null) continue;
    const name = rawName.toString();
    const value = rawValue ?? Buffer.alloc(0);
    const existing = Object.hasOwn(headers, name) ? headers[name] : undefined;
    if (existing === undefined) setHeader(headers, name, value);
    else setHeader(headers, name, Array.isArray(existing) ? [...existing, value] : [existing, value]);
  }
  return headers;
}

/** The consumable records of fetched batches at or after `from` (control batches are markers, not records). */
export function toConsumedRecords(
  batches: RecordsBatch[],
  from: bigint,
  isControl: number,
): ConsumedRecord[] {
  const out: ConsumedRecord[] = [];
  for (const batch of batches) {
    if (batch.attributes & isControl) continue;
    for (const record of batch.records as KafkaRecord[]) {
      const offset = batch.firstOffset + BigInt(record.offsetDelta);
      if (offset < from) continue;
      out.push({
        key: record.key,
        value: record.value,
        timestamp: (batch.firstTimestamp + record.timestampDelta).toString(),
        offset: offset.toString(),
        headers: toRecordHeaders(record.headers),
      });
    }
  }
  return out;
}

/** The offset after the last one the batches cover, markers included; undefined when there are none. */
export function nextOffsetAfter(batches: RecordsBatch[]): bigint | undefined {
  const last = batches.at(-1);
  return last && last.firstOffset + BigInt(last.lastOffsetDelta) + 1n;
}
