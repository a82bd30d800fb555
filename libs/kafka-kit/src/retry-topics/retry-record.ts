import type { ConsumedRecord } from '../client/consumer-client.js';
import type { OutgoingRecord } from '../client/producer-client.js';
import { describeError } from '../failure-records/describe-error.js';
import { type FailureOrigin, userHeaders } from '../failure-records/failure-headers.js';
import { RETRY_HEADERS } from '../failure-records/kafka-headers.js';

export interface RetryInput {
  retryTopic: string;
  record: ConsumedRecord;
  origin: FailureOrigin;
  /** The retry topic's number (1 = first retry); a parked record counts it as an attempt. */
  attempt: number;
  dueAt: number;
  /** Undefined for a parked record, which did not fail. */
  error: unknown;
  /** It did not fail: it waits behind an earlier record of its key (ordered retry). */
  parked: boolean;
  /** Tracing on: the span that failed the record (its `traceparent` header is kept as it was). */
  failedSpanId?: string;
}

/** A record for a retry topic: key and value as received, the user's headers, the retry headers. */
export function retryRecord(input: RetryInput): OutgoingRecord {
  const { record, origin } = input;
  const described = input.error === undefined ? undefined : describeError(input.error);
  return {
    topic: input.retryTopic,
    key: record.key,
    value: record.value,
    headers: {
      ...userHeaders(record.headers),
      [RETRY_HEADERS.attempt]: String(input.attempt),
      [RETRY_HEADERS.dueAt]: String(input.dueAt),
      [RETRY_HEADERS.originalTopic]: origin.topic,
      [RETRY_HEADERS.originalPartition]: String(origin.partition),
      [RETRY_HEADERS.originalOffset]: origin.offset,
      [RETRY_HEADERS.originalTimestamp]: origin.timestamp,
      [RETRY_HEADERS.firstFailedAt]: String(origin.firstFailedAt),
      ...(described
        ? { [RETRY_HEADERS.errorClass]: described.className, [RETRY_HEADERS.errorMessage]: described.message }
        : {}),
      ...(input.parked ? { [RETRY_HEADERS.parked]: 'true' } : {}),
      ...(input.failedSpanId ? { [RETRY_HEADERS.failedSpanId]: input.failedSpanId } : {}),
    },
    // Same partition as the source: the retry topics mirror the main topic, so one source
    // partition's retries stay in order (ordered retry depends on it).
    partition: origin.partition,
    timestamp: record.timestamp,
  };
}
